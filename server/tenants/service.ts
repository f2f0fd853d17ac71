/**
 * The tenant API's server side: requests, the approval queue with pre-flight checks, decisions,
 * jobs (provision, suspend, resume, offboard, retry), settings and the detail view. Every action
 * checks its permission, runs its state change with the tenant row locked, and writes the timeline
 * and the audit log in the same transaction.
 */
import "server-only";
import type { Viewer } from "@/server/auth/access";
import { decideAccess, decideGlobalAccess, tenantsWith } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { auditExternalAction } from "@/server/audit/record-external";
import { getPrisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { tenantPlatform } from "@/server/clusters/tenant-platform";
import { STAGES, consumerGroup } from "@/lib/contract/topics";
import { initialSteps, progress, resetFailed, type JobStep } from "./job-steps";
import {
  decideAction,
  decideApprover,
  LIVE_STATUSES,
  type JobKind,
  type TenantAction,
  type TenantStatus,
} from "./lifecycle";
import { offboardPlan } from "./offboard-plan";
import { planPartitions } from "./partitions";
import { planPlacement } from "./placement-plan";
import { placementRule } from "./placement-rule";
import { runPreflight } from "./preflight";
import {
  assignSecretInput,
  declineInput,
  offboardInput,
  settingsInput,
  sourceInput,
  tenantRequestInput,
  type TenantRequest,
} from "./request-input";
import { describeSource, sourceKind } from "./source";
import { decideSecretAssignment, decideSecretUse, readSourceSecret, secretVariable } from "./source-secrets";
import { setTenantRetention } from "./tenant-topics";

type Tx = Prisma.TransactionClient;

const allowed = (viewer: Viewer, permission: Permission, tenantId?: string) =>
  decideAccess(viewer, permission, tenantId).allowed;
const isApprover = (viewer: Viewer) => decideGlobalAccess(viewer, "tenant.approve").allowed;

function assertDecision(
  decision: { allowed: true } | { allowed: false; reason: string },
  code: "FORBIDDEN" | "CONFLICT" = "FORBIDDEN",
): void {
  if (!decision.allowed) throw new AppError(code, decision.reason);
}

/** Locks the tenant row for the transaction and re-checks the action against its current status. */
async function lockFor(tx: Tx, tenantId: string, action: TenantAction): Promise<Tenant> {
  await tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  assertDecision(decideAction(action, tenant.status as TenantStatus), "CONFLICT");
  return tenant;
}

async function assertNoOpenJob(tx: Tx, tenantId: string): Promise<void> {
  const open = await tx.tenantJob.findFirst({ where: { tenantId, status: { in: ["queued", "running"] } } });
  if (open) throw new AppError("CONFLICT", `a ${open.kind} job is still ${open.status}; wait for it to finish`);
}

const event = (tx: Tx, tenantId: string, actor: string, kind: string, message: string) =>
  tx.tenantEvent.create({ data: { tenantId, actor, kind, message: message.slice(0, 1000) } });

async function assertEnvironment(id: string): Promise<void> {
  if (!(await getPrisma().environment.findUnique({ where: { id } })))
    throw new AppError("BAD_REQUEST", `environment: no environment "${id}"`);
}

/** A request may name a source's password secret only when an approver makes it. */
function parseRequest(viewer: Viewer, body: unknown): TenantRequest {
  const input = tenantRequestInput.parse(body);
  if (input.source.kind === "external" && input.source.passwordSecret)
    assertDecision(decideSecretAssignment(isApprover(viewer)));
  return input;
}

const requestFields = (input: TenantRequest) => ({
  name: input.name,
  contacts: input.contacts,
  source: input.source,
  expectedDailyChanges: input.expectedDailyChanges,
  peakChangesPerSecond: input.peakChangesPerSecond,
  entities: input.entities,
  environmentId: input.environment,
  partitions: planPartitions(input).partitions,
});

/** The partition plan and, from the same planned rate, where the processors will run (placement-plan.ts). */
function onboardingPlan(volume: { expectedDailyChanges: number; peakChangesPerSecond: number }) {
  const partitions = planPartitions(volume);
  const { placement, explanation } = planPlacement(partitions.plannedPerSecond, placementRule());
  return { ...partitions, placement, placementExplanation: explanation };
}

/** POST /api/tenants — anyone signed in may ask for a tenant. */
export async function submitRequest(viewer: Viewer, context: RequestContext, body: unknown) {
  assertDecision(decideAccess(viewer, "tenant.request"));
  const input = parseRequest(viewer, body);
  await assertEnvironment(input.environment);
  const tenant = await getPrisma()
    .$transaction(async (tx) => {
      if (await tx.tenant.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw new AppError("CONFLICT", `slug: "${input.slug}" is taken; choose another`);
      }
      const created = await tx.tenant.create({
        data: {
          slug: input.slug,
          status: "SUBMITTED",
          requestedById: viewer.id,
          requestedBy: viewer.email,
          ...requestFields(input),
        },
      });
      await event(tx, created.id, viewer.email, "submitted", `${viewer.email} asked to onboard ${input.name}`);
      await recordAudit(
        viewer,
        context,
        { action: "tenant.request", target: `tenant:${input.slug}`, tenantId: created.id, after: input },
        tx,
      );
      return created;
    })
    .catch((error: unknown) => {
      // two submissions of one slug at once: the unique index decides
      if ((error as { code?: string }).code === "P2002")
        throw new AppError("CONFLICT", `slug: "${input.slug}" is taken; choose another`);
      throw error;
    });
  return getTenantDetail(viewer, tenant);
}

/** Anyone signed in may ask for a tenant; checked before a tenant is looked up. */
export const assertMayRequest = (viewer: Viewer) => assertDecision(decideAccess(viewer, "tenant.request"));

/** Reads the tenant again after a change, for the detail the change answers with. */
const freshDetail = async (viewer: Viewer, tenantId: string) =>
  getTenantDetail(viewer, await getPrisma().tenant.findUniqueOrThrow({ where: { id: tenantId } }));

/** PUT /api/tenants/{slug} — the requester edits a declined request and submits it again. */
export async function resubmitRequest(viewer: Viewer, context: RequestContext, tenant: Tenant, body: unknown) {
  assertMayRequest(viewer);
  const slug = tenant.slug;
  if (tenant.requestedById !== viewer.id) throw new AppError("FORBIDDEN", "only the requester can resubmit a request");
  const input = parseRequest(viewer, body);
  if (input.slug !== slug) throw new AppError("BAD_REQUEST", `slug: a resubmitted request keeps its slug "${slug}"`);
  await assertEnvironment(input.environment);
  await getPrisma().$transaction(async (tx) => {
    const before = await lockFor(tx, tenant.id, "resubmit");
    await tx.tenant.update({ where: { id: tenant.id }, data: { ...requestFields(input), status: "SUBMITTED" } });
    await event(tx, tenant.id, viewer.email, "resubmitted", `${viewer.email} resubmitted the request`);
    await recordAudit(
      viewer,
      context,
      {
        action: "tenant.resubmit",
        target: `tenant:${slug}`,
        tenantId: tenant.id,
        before: { status: before.status, declineReason: before.declineReason },
        after: input,
      },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

/** Approving, declining and the pre-flight need the global tenant.approve, checked before a tenant is looked up. */
export function assertApprover(viewer: Viewer): void {
  assertDecision(decideGlobalAccess(viewer, "tenant.approve"));
}

/** GET /api/tenants/{slug}/preflight */
export async function getPreflight(viewer: Viewer, tenant: Tenant) {
  assertApprover(viewer);
  return { checks: await preflight(tenant), plan: onboardingPlan(tenant) };
}

/** The checks against the cluster and Connect of the tenant's environment (tenant-platform.ts). */
async function preflight(tenant: Tenant) {
  const platform = await tenantPlatform(tenant);
  return runPreflight(
    { db: getPrisma(), env: platform.env, admin: platform.admin, connect: platform.connect() },
    tenant,
  );
}

function registeredSecret(name: string) {
  try {
    return readSourceSecret(name, process.env);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `passwordSecret: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Only an approver assigns a source's password secret; checked before a tenant is looked up. */
export const assertMayAssignSecret = (viewer: Viewer) => assertDecision(decideSecretAssignment(isApprover(viewer)));

/**
 * PUT /api/tenants/{slug}/source-secret { passwordSecret } — an approver assigns the platform secret
 * holding the external source's password; refused unless the secret is registered for its host.
 */
export async function assignSourceSecret(viewer: Viewer, context: RequestContext, tenant: Tenant, body: unknown) {
  assertMayAssignSecret(viewer);
  const { passwordSecret } = assignSecretInput.parse(body);
  const slug = tenant.slug;
  await getPrisma().$transaction(async (tx) => {
    const locked = await lockFor(tx, tenant.id, "approve");
    const source = sourceInput.parse(locked.source);
    if (source.kind !== "external")
      throw new AppError("BAD_REQUEST", "passwordSecret: a managed source has no password secret");
    const use = decideSecretUse(registeredSecret(passwordSecret), source);
    if (!use.allowed) throw new AppError("BAD_REQUEST", `passwordSecret: ${use.reason}`);
    await tx.tenant.update({ where: { id: tenant.id }, data: { source: { ...source, passwordSecret } } });
    await event(
      tx,
      tenant.id,
      viewer.email,
      "secret_assigned",
      `${viewer.email} assigned ${secretVariable(passwordSecret)} to ${source.host}:${source.port}/${source.database}`,
    );
    await recordAudit(
      viewer,
      context,
      {
        action: "tenant.source_secret",
        target: `tenant:${slug}`,
        tenantId: tenant.id,
        before: { passwordSecret: source.passwordSecret ?? null },
        after: { passwordSecret },
      },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

/** POST /api/tenants/{slug}/approve — a second admin; the checks must pass; provisioning starts. */
export async function approveRequest(viewer: Viewer, context: RequestContext, tenant: Tenant) {
  assertApprover(viewer);
  const slug = tenant.slug;
  assertDecision(decideApprover(tenant.requestedById, viewer.id));
  assertDecision(decideAction("approve", tenant.status as TenantStatus), "CONFLICT");
  const checks = await preflight(tenant);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length)
    throw new AppError(
      "CONFLICT",
      `pre-flight checks failed: ${failed.map((c) => `${c.label}: ${c.detail}`).join("; ")}`,
      { checks },
    );
  await getPrisma().$transaction(async (tx) => {
    const locked = await lockFor(tx, tenant.id, "approve");
    const plan = onboardingPlan(locked);
    await tx.tenant.update({
      where: { id: tenant.id },
      data: { status: "APPROVED", partitions: plan.partitions, declineReason: null },
    });
    await tx.tenantJob.create({
      data: {
        tenantId: tenant.id,
        kind: "provision",
        steps: initialSteps("provision"),
        requestedBy: viewer.email,
        requestedById: viewer.id,
      },
    });
    await event(
      tx,
      tenant.id,
      viewer.email,
      "approved",
      `${viewer.email} approved; provisioning with ${plan.partitions} partitions, processors ${plan.placement === "dedicated" ? "dedicated" : `in ${plan.placement}`} (${plan.placementExplanation})`,
    );
    await recordAudit(
      viewer,
      context,
      {
        action: "tenant.approve",
        target: `tenant:${slug}`,
        tenantId: tenant.id,
        before: { status: locked.status },
        after: { status: "APPROVED", partitions: plan.partitions, plannedPlacement: plan.placement, checks },
      },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

/** POST /api/tenants/{slug}/decline { reason } — the reason is shown to the requester. */
export async function declineRequest(viewer: Viewer, context: RequestContext, tenant: Tenant, body: unknown) {
  assertApprover(viewer);
  const { reason } = declineInput.parse(body);
  const slug = tenant.slug;
  await getPrisma().$transaction(async (tx) => {
    const locked = await lockFor(tx, tenant.id, "decline");
    await tx.tenant.update({ where: { id: tenant.id }, data: { status: "DECLINED", declineReason: reason } });
    await event(tx, tenant.id, viewer.email, "declined", `${viewer.email} declined: ${reason}`);
    await recordAudit(
      viewer,
      context,
      {
        action: "tenant.decline",
        target: `tenant:${slug}`,
        tenantId: tenant.id,
        before: { status: locked.status },
        after: { status: "DECLINED", reason },
      },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

/** POST /api/tenants/{slug}/retry — runs the failed job again from its failed step. */
const retryForbidden = () => new AppError("FORBIDDEN", "retrying needs tenant.approve or tenant.manage");

/** Retrying needs tenant.approve, or tenant.manage somewhere; checked before a tenant is looked up. */
export function assertMayRetry(viewer: Viewer): void {
  if (!isApprover(viewer) && !allowed(viewer, "tenant.manage")) throw retryForbidden();
}

export async function retryJob(viewer: Viewer, context: RequestContext, tenant: Tenant) {
  assertMayRetry(viewer);
  if (!isApprover(viewer) && !allowed(viewer, "tenant.manage", tenant.id)) throw retryForbidden();
  const slug = tenant.slug;
  await getPrisma().$transaction(async (tx) => {
    const locked = await lockFor(tx, tenant.id, "retry");
    const job = await tx.tenantJob.findFirst({ where: { tenantId: tenant.id }, orderBy: { createdAt: "desc" } });
    if (!job || job.status !== "failed")
      throw new AppError("CONFLICT", "the tenant's last job did not fail; nothing to retry");
    await tx.tenantJob.update({
      where: { id: job.id },
      data: {
        status: "queued",
        attempt: job.attempt + 1,
        error: null,
        finishedAt: null,
        leaseOwner: null,
        steps: resetFailed(job.steps as JobStep[]),
      },
    });
    if (job.kind === "provision")
      await tx.tenant.update({ where: { id: tenant.id }, data: { status: "PROVISIONING" } });
    await event(
      tx,
      tenant.id,
      viewer.email,
      "retried",
      `${viewer.email} retried the ${job.kind} job (attempt ${job.attempt + 1})`,
    );
    await recordAudit(
      viewer,
      context,
      {
        action: "tenant.retry",
        target: `tenant:${slug}`,
        tenantId: tenant.id,
        before: { status: locked.status, job: job.kind, error: job.error },
        after: { attempt: job.attempt + 1 },
      },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

/** The route-level check before anything else is looked at: tenant.manage somewhere. */
export const assertManager = (viewer: Viewer) => assertDecision(decideAccess(viewer, "tenant.manage"));

async function startJob(
  viewer: Viewer,
  context: RequestContext,
  tenant: Tenant,
  kind: Exclude<JobKind, "provision">,
  confirm?: () => void,
) {
  assertManager(viewer);
  const slug = tenant.slug;
  assertDecision(decideAccess(viewer, "tenant.manage", tenant.id));
  confirm?.();
  await getPrisma().$transaction(async (tx) => {
    const locked = await lockFor(tx, tenant.id, kind);
    await assertNoOpenJob(tx, tenant.id);
    await tx.tenantJob.create({
      data: {
        tenantId: tenant.id,
        kind,
        steps: initialSteps(kind),
        requestedBy: viewer.email,
        requestedById: viewer.id,
      },
    });
    await event(tx, tenant.id, viewer.email, kind, `${viewer.email} started to ${kind} the tenant`);
    await recordAudit(
      viewer,
      context,
      {
        action: `tenant.${kind}`,
        target: `tenant:${slug}`,
        tenantId: tenant.id,
        before: { status: locked.status },
        after: { job: kind },
      },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

export const suspendTenant = (viewer: Viewer, context: RequestContext, tenant: Tenant) =>
  startJob(viewer, context, tenant, "suspend");
export const resumeTenant = (viewer: Viewer, context: RequestContext, tenant: Tenant) =>
  startJob(viewer, context, tenant, "resume");

/** POST /api/tenants/{slug}/offboard { confirm: slug } */
export async function offboardTenant(viewer: Viewer, context: RequestContext, tenant: Tenant, body: unknown) {
  const slug = tenant.slug;
  return startJob(viewer, context, tenant, "offboard", () => {
    const { confirm } = offboardInput.parse(body);
    if (confirm !== slug) throw new AppError("BAD_REQUEST", `confirm: type "${slug}" exactly to offboard this tenant`);
  });
}

/**
 * PATCH /api/tenants/{slug}/settings { lagSloSeconds?, retentionHours? } — retention reaches the
 * topics first (audited as tenant.retention.requested, then .succeeded or .failed), then the
 * stored settings change in one transaction with their tenant.settings record.
 */
export async function updateSettings(viewer: Viewer, context: RequestContext, tenant: Tenant, body: unknown) {
  assertManager(viewer);
  const slug = tenant.slug;
  assertDecision(decideAccess(viewer, "tenant.manage", tenant.id));
  const input = settingsInput.parse(body);
  assertDecision(decideAction("settings", tenant.status as TenantStatus), "CONFLICT");
  if (input.retentionHours !== undefined && LIVE_STATUSES.includes(tenant.status as TenantStatus)) {
    const admin = await (await tenantPlatform(tenant)).admin().catch(() => {
      throw new AppError("UNAVAILABLE", "Kafka is unreachable; retention was not changed");
    });
    const retention = {
      action: "tenant.retention",
      target: `tenant:${slug}`,
      tenantId: tenant.id,
      before: { retentionHours: tenant.retentionHours },
      after: { retentionHours: input.retentionHours },
    };
    await auditExternalAction(viewer, context, retention, () =>
      setTenantRetention(admin, slug, input.retentionHours!),
    ).catch((error: unknown) => {
      throw new AppError(
        "UNAVAILABLE",
        `Kafka refused the new retention (${error instanceof Error ? error.message : String(error)}); nothing was changed`,
      );
    });
  }
  await getPrisma().$transaction(async (tx) => {
    const locked = await lockFor(tx, tenant.id, "settings");
    await tx.tenant.update({ where: { id: tenant.id }, data: input });
    const before = { lagSloSeconds: locked.lagSloSeconds, retentionHours: locked.retentionHours };
    await event(
      tx,
      tenant.id,
      viewer.email,
      "settings",
      `${viewer.email} changed ${Object.entries(input)
        .map(([k, v]) => `${k} ${before[k as keyof typeof before]} → ${v}`)
        .join(", ")}`,
    );
    await recordAudit(
      viewer,
      context,
      { action: "tenant.settings", target: `tenant:${slug}`, tenantId: tenant.id, before, after: input },
      tx,
    );
  });
  return freshDetail(viewer, tenant.id);
}

/** GET /api/tenants/requests — the approval queue for approvers, one's own requests for everyone else. */
export async function listRequests(viewer: Viewer) {
  const approver = isApprover(viewer);
  const rows = await getPrisma().tenant.findMany({
    where: approver
      ? { status: { in: ["SUBMITTED", "DECLINED", "APPROVED", "PROVISIONING", "PROVISION_FAILED"] } }
      : { requestedById: viewer.id },
    orderBy: [{ createdAt: "asc" }],
    take: 200,
  });
  return {
    approver,
    requests: rows.map((t) => ({
      slug: t.slug,
      name: t.name,
      status: t.status,
      requestedBy: t.requestedBy,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      partitions: t.partitions,
      peakChangesPerSecond: t.peakChangesPerSecond,
      expectedDailyChanges: t.expectedDailyChanges,
      environmentId: t.environmentId,
      declineReason: t.declineReason,
      source: describeSource(t.slug, t.source),
      mine: t.requestedById === viewer.id,
    })),
  };
}

/**
 * GET /api/tenants/{slug} — everything the detail page shows, with what the viewer may do.
 * `visible` is the tenant the route resolved for this viewer; its row, timeline and jobs are read
 * again in one snapshot, so a job that finishes meanwhile shows with the status it left, never a
 * finished job beside the status from before it (the page stops polling on a finished job).
 */
export async function getTenantDetail(viewer: Viewer, visible: Tenant) {
  const db = getPrisma();
  const staffVisible = allowed(viewer, "tenant.read", visible.id);
  const groups = STAGES.map((stage) => consumerGroup(visible.slug, stage));
  const [[tenant, events, jobs, lag], staff] = await Promise.all([
    db.$transaction(
      [
        db.tenant.findUniqueOrThrow({ where: { id: visible.id } }),
        db.tenantEvent.findMany({ where: { tenantId: visible.id }, orderBy: { at: "asc" }, take: 500 }),
        db.tenantJob.findMany({ where: { tenantId: visible.id }, orderBy: { createdAt: "desc" }, take: 10 }),
        db.lagGroupState.findMany({
          where: { groupId: { in: groups } },
          select: { groupId: true, lag: true, lagSeconds: true, status: true, members: true, updatedAt: true },
        }),
      ],
      { isolationLevel: "RepeatableRead" },
    ),
    staffVisible
      ? db.membership.findMany({
          where: { tenantId: visible.id },
          include: { user: { select: { email: true, name: true, disabled: true } } },
        })
      : Promise.resolve([]),
  ]);
  const status = tenant.status as TenantStatus;
  const lastJob = jobs[0];
  const openJob = lastJob && (lastJob.status === "queued" || lastJob.status === "running");
  const manage = allowed(viewer, "tenant.manage", tenant.id);
  const approver = isApprover(viewer);
  const kind = sourceKind(tenant.source);
  const can = {
    approve: approver && status === "SUBMITTED" && decideApprover(tenant.requestedById, viewer.id).allowed,
    decline: approver && status === "SUBMITTED",
    assignSecret: approver && status === "SUBMITTED" && kind === "external",
    resubmit: tenant.requestedById === viewer.id && status === "DECLINED",
    retry: (approver || manage) && lastJob?.status === "failed" && decideAction("retry", status).allowed,
    suspend: manage && !openJob && status === "ACTIVE",
    resume: manage && !openJob && status === "SUSPENDED",
    offboard: manage && !openJob && decideAction("offboard", status).allowed,
    settings: manage && decideAction("settings", status).allowed,
  };
  return {
    tenant: {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status,
      partitions: tenant.partitions,
      retentionHours: tenant.retentionHours,
      lagSloSeconds: tenant.lagSloSeconds,
      expectedDailyChanges: tenant.expectedDailyChanges,
      peakChangesPerSecond: tenant.peakChangesPerSecond,
      entities: tenant.entities,
      environmentId: tenant.environmentId,
      placement: tenant.placement,
      contacts: tenant.contacts as Array<{ name: string; email: string }>,
      source: describeSource(tenant.slug, tenant.source),
      sourceKind: kind,
      sourceInput: tenant.source,
      requestedBy: tenant.requestedBy,
      declineReason: tenant.declineReason,
      createdAt: tenant.createdAt.toISOString(),
      updatedAt: tenant.updatedAt.toISOString(),
    },
    plan: onboardingPlan(tenant),
    events: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, kind: e.kind, message: e.message })),
    jobs: jobs.map((j) => {
      const steps = j.steps as JobStep[];
      return {
        id: j.id,
        kind: j.kind,
        status: j.status,
        attempt: j.attempt,
        error: j.error,
        steps,
        progress: progress(steps),
        requestedBy: j.requestedBy,
        createdAt: j.createdAt.toISOString(),
        finishedAt: j.finishedAt?.toISOString() ?? null,
        heartbeatAt: j.heartbeatAt?.toISOString() ?? null,
      };
    }),
    staff: staff.map((m) => ({ email: m.user.email, name: m.user.name, role: m.roleName, disabled: m.user.disabled })),
    staffVisible,
    lag: lag.map((g) => ({
      groupId: g.groupId,
      lag: Number(g.lag),
      lagSeconds: g.lagSeconds,
      status: g.status,
      members: g.members,
      updatedAt: g.updatedAt.toISOString(),
    })),
    offboardPlan: offboardPlan(tenant.slug, kind),
    can,
  };
}

export type TenantDetail = Awaited<ReturnType<typeof getTenantDetail>>;

/** Which tenants the list shows: those the viewer has tenant.read in, plus their own requests. */
export function visibleTenantsWhere(viewer: Viewer): Prisma.TenantWhereInput {
  const scope = tenantsWith(viewer, "tenant.read");
  return scope === "all" || isApprover(viewer) ? {} : { OR: [{ id: { in: scope } }, { requestedById: viewer.id }] };
}

/** Tenants for the list: those the viewer has tenant.read in, plus their own requests. */
export async function listVisibleTenants(viewer: Viewer) {
  return getPrisma().tenant.findMany({ where: visibleTenantsWhere(viewer), orderBy: { name: "asc" } });
}
