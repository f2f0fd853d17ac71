/**
 * The deployment API's server side: every action checks `deploy.*` in the deployment's tenant
 * (for a pool, in every tenant placed in it: a pool's change reaches them all; its deployments are
 * visible to whoever may read one of them, who sees only the tenants they may read),
 * keeps one deployment in flight per target (an advisory lock per target inside the transaction),
 * and writes its audit event in the same transaction as the change.
 */
import "server-only";
import { isPoolName } from "@/lib/contract/placement";
import { decideAccess, decideEnvironment, tenantsWith, type Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { DEFAULT_THRESHOLDS } from "./health";
import { diffRevisions, type RevisionFields } from "./diff";
import { decideApproval, initialState, IN_FLIGHT_STATES, type DeploymentAction } from "./lifecycle";
import { actionInput, createDeploymentInput, listDeploymentsQuery, rollbackInput, scaleInput } from "./input";
import { lockTarget, targetLabel, type DeploymentTarget } from "./target-lock";
import { readTargets, type DeploymentRow } from "./targets";

export const fields = (d: DeploymentRow): RevisionFields => ({
  version: d.version,
  replicas: d.replicas,
  config: d.config as Record<string, string>,
});

async function tenantIdOf(slug: string): Promise<string | undefined> {
  return (await getPrisma().tenant.findUnique({ where: { slug }, select: { id: true } }))?.id;
}

/** The tenants placed in a pool (any status: each may be brought back), or the target's own tenant. */
async function tenantsOfTarget(target: string): Promise<string[]> {
  if (!isPoolName(target)) return [target];
  const placed = await getPrisma().tenant.findMany({ where: { placement: target }, select: { slug: true } });
  return placed.map((t) => t.slug);
}

/**
 * FORBIDDEN with the reason unless the viewer holds `permission` in the target's tenant (by slug),
 * or in every tenant of a pool. Returns the tenant's id (none for a pool: it spans tenants).
 */
export async function assertTenantPermission(
  viewer: Viewer,
  permission: Permission,
  tenant: string,
): Promise<string | undefined> {
  if (isPoolName(tenant)) {
    if (viewer.globalPermissions.has(permission)) return undefined;
    const members = await tenantsOfTarget(tenant);
    if (members.length === 0) throw new AppError("FORBIDDEN", `Only a global ${permission} may change an empty pool`);
    for (const member of members) await assertTenantPermission(viewer, permission, member);
    return undefined;
  }
  const tenantId = await tenantIdOf(tenant);
  const decision = viewer.globalPermissions.has(permission)
    ? ({ allowed: true } as const)
    : tenantId
      ? decideAccess(viewer, permission, tenantId)
      : ({ allowed: false, reason: "You are not a member of this tenant" } as const);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
  return tenantId;
}

/** FORBIDDEN with the reason when the viewer is limited to other environments. */
export function assertEnvironmentAllowed(viewer: Viewer, environmentId: string): void {
  const decision = decideEnvironment(viewer, environmentId);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}

/** Tenant slugs whose deployments the viewer may see with `permission`. */
async function tenantScope(viewer: Viewer, permission: Permission): Promise<"all" | string[]> {
  const scope = tenantsWith(viewer, permission);
  if (scope === "all") return scope;
  const tenants = await getPrisma().tenant.findMany({ where: { id: { in: scope } }, select: { slug: true } });
  return tenants.map((t) => t.slug);
}

/** The route-level check, before any input is looked at: the permission in some tenant. */
export function assertAny(viewer: Viewer, permission: Permission): void {
  const decision = decideAccess(viewer, permission);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}

const inScope = (scope: "all" | string[], tenant: string) => scope === "all" || scope.includes(tenant);
const allInScope = (scope: "all" | string[], tenants: readonly string[]) =>
  scope === "all" || (tenants.length > 0 && tenants.every((t) => scope.includes(t)));

/** A scoped viewer's tenants and the pools they are placed in: the deployment targets they may see. */
async function targetScope(scope: "all" | string[]): Promise<"all" | string[]> {
  if (scope === "all") return scope;
  const placed = await getPrisma().tenant.findMany({ where: { slug: { in: scope } }, select: { placement: true } });
  return [...scope, ...new Set(placed.map((t) => t.placement).filter(isPoolName))];
}

/** A deployment the viewer may read (404 otherwise: other tenants' deployments do not exist for them). */
async function readableDeployment(viewer: Viewer, id: string): Promise<DeploymentRow> {
  assertAny(viewer, "deploy.read");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", "no such deployment");
  const deployment = await getPrisma().deployment.findUnique({ where: { id } });
  if (!deployment || !inScope(await targetScope(await tenantScope(viewer, "deploy.read")), deployment.tenant))
    throw new AppError("NOT_FOUND", "no such deployment");
  return deployment;
}

export async function listEnvironments(viewer: Viewer) {
  assertAny(viewer, "deploy.read");
  const environments = await getPrisma().environment.findMany({ orderBy: { id: "asc" } });
  return environments.map((e) => ({
    id: e.id,
    name: e.name,
    driver: e.driver,
    protected: e.protected,
    agentSeenAt: e.agentSeenAt,
  }));
}

export async function getEnvironmentStatus(viewer: Viewer, environmentId: string) {
  assertAny(viewer, "deploy.read");
  const environment = await getPrisma().environment.findUnique({ where: { id: environmentId } });
  if (!environment) throw new AppError("NOT_FOUND", `no environment "${environmentId}"`);
  const scope = await tenantScope(viewer, "deploy.read");
  const environmentDecision = decideEnvironment(viewer, environmentId);
  const [targets, createScope, approveScope] = await Promise.all([
    readTargets(getPrisma(), environmentId, scope),
    tenantScope(viewer, "deploy.create"),
    tenantScope(viewer, "deploy.approve"),
  ]);
  return {
    environment: {
      id: environment.id,
      name: environment.name,
      driver: environment.driver,
      protected: environment.protected,
      agentSeenAt: environment.agentSeenAt,
      agentReporting:
        environment.agentSeenAt !== null &&
        Date.now() - environment.agentSeenAt.getTime() <= DEFAULT_THRESHOLDS.agentStaleMs,
    },
    targets: targets.map((t) => ({
      ...t,
      // a pool's other tenants are not the viewer's to see: they are counted, not named
      tenants: t.tenants.filter((tenant) => inScope(scope, tenant)),
      groups: t.groups.filter((g) => inScope(scope, g.tenant)),
      otherTenants: t.tenants.filter((tenant) => !inScope(scope, tenant)).length,
      permissions: {
        deploy: environmentDecision.allowed && allInScope(createScope, t.tenants),
        approve:
          environmentDecision.allowed &&
          allInScope(approveScope, t.tenants) &&
          t.inFlight?.state === "PENDING_APPROVAL" &&
          t.inFlight.requestedById !== viewer.id,
        /** why nothing may be changed here whatever the roles grant; null when the environment is the viewer's */
        environmentDenied: environmentDecision.allowed ? null : environmentDecision.reason,
      },
    })),
  };
}

/** History, newest first, each with what changed against the target's previous revision. */
export async function listDeployments(viewer: Viewer, query: Record<string, string>) {
  const q = listDeploymentsQuery.parse(query);
  assertAny(viewer, "deploy.read");
  const scope = await targetScope(await tenantScope(viewer, "deploy.read"));
  if (q.tenant && !inScope(scope, q.tenant)) return { deployments: [] };
  const tenantFilter = q.tenant ? { tenant: q.tenant } : scope === "all" ? {} : { tenant: { in: scope } };
  const rows = await getPrisma().deployment.findMany({
    where: {
      ...tenantFilter,
      ...(q.environment ? { environmentId: q.environment } : {}),
      ...(q.stage ? { stage: q.stage } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: q.limit,
  });
  return { deployments: await withDiffs(rows) };
}

async function withDiffs(rows: DeploymentRow[]) {
  const previous = await Promise.all(
    rows.map((d) =>
      getPrisma().deployment.findFirst({
        where: {
          environmentId: d.environmentId,
          tenant: d.tenant,
          stage: d.stage,
          revision: { lt: d.revision },
          state: { in: ["ROLLING_OUT", "SUCCEEDED", "FAILED"] },
        },
        orderBy: { revision: "desc" },
      }),
    ),
  );
  return rows.map((d, i) => ({ ...d, changes: diffRevisions(previous[i] ? fields(previous[i]) : null, fields(d)) }));
}

export async function getDeployment(viewer: Viewer, id: string) {
  const deployment = await readableDeployment(viewer, id);
  const history = await getPrisma().deployment.findMany({
    where: { environmentId: deployment.environmentId, tenant: deployment.tenant, stage: deployment.stage },
    orderBy: { revision: "desc" },
    take: 100,
  });
  return { deployment, history: await withDiffs(history) };
}

/**
 * The end of each instance's output. Reading it also records that the target's log was asked for:
 * for platforms whose logs only the agent can read (kubernetes: the console holds no cluster
 * credentials), the agent refreshes these tails every tick while the viewer keeps asking.
 */
export async function getDeploymentLogs(viewer: Viewer, id: string) {
  const d = await readableDeployment(viewer, id);
  const target = { environmentId: d.environmentId, tenant: d.tenant, stage: d.stage };
  const requestedAt = new Date();
  await getPrisma().deploymentLogRequest.upsert({
    where: { environmentId_tenant_stage: target },
    create: { ...target, requestedAt },
    update: { requestedAt },
  });
  const instances = await getPrisma().deploymentInstance.findMany({
    where: { environmentId: d.environmentId, tenant: d.tenant, stage: d.stage },
    orderBy: { replica: "asc" },
    select: {
      instanceId: true,
      replica: true,
      state: true,
      pid: true,
      restarts: true,
      logTail: true,
      logNote: true,
      reportedAt: true,
    },
  });
  return { instances };
}

type NewRevision = {
  action: DeploymentAction;
  reason: string;
  from: (current: DeploymentRow | null) => RevisionFields & { rollbackOf?: number };
};
type Tx = Parameters<Parameters<ReturnType<typeof getPrisma>["$transaction"]>[0]>[0];

/** The environment a change goes to (404 when there is none). */
export async function environmentFor(id: string) {
  const environment = await getPrisma().environment.findUnique({ where: { id } });
  if (!environment) throw new AppError("NOT_FOUND", `no environment "${id}"`);
  return environment;
}

/**
 * Appends the target's next revision inside `tx` (one in flight per target, under the target's
 * lock); PENDING_APPROVAL in a protected environment. With `audit`, writes its audit event too.
 */
export async function appendRevision(
  tx: Tx,
  viewer: Viewer,
  context: RequestContext,
  target: DeploymentTarget,
  environment: { protected: boolean },
  change: NewRevision & { tenantId: string | undefined; audit: boolean },
) {
  await lockTarget(tx, target);
  const inFlight = await tx.deployment.findFirst({ where: { ...target, state: { in: [...IN_FLIGHT_STATES] } } });
  if (inFlight) {
    throw new AppError(
      "CONFLICT",
      `revision ${inFlight.revision} (${inFlight.action}) of ${targetLabel(target)} is still ${inFlight.state}; wait for it or cancel it`,
    );
  }
  const [current, last] = await Promise.all([
    tx.deployment.findFirst({
      where: { ...target, state: { in: ["ROLLING_OUT", "SUCCEEDED", "FAILED"] } },
      orderBy: { revision: "desc" },
    }),
    tx.deployment.findFirst({ where: target, orderBy: { revision: "desc" }, select: { revision: true } }),
  ]);
  const next = change.from(current);
  const created = await tx.deployment.create({
    data: {
      ...target,
      revision: (last?.revision ?? 0) + 1,
      action: change.action,
      version: next.version,
      config: next.config,
      replicas: next.replicas,
      rollbackOf: next.rollbackOf ?? null,
      state: initialState(environment.protected),
      reason: change.reason,
      requestedById: viewer.id,
      requestedBy: viewer.email,
      message: environment.protected ? "waiting for an admin's approval" : "queued for the environment's agent",
    },
  });
  if (change.audit)
    await recordAudit(
      viewer,
      context,
      {
        action: `deployment.${change.action}`,
        target: `deployment:${targetLabel(target)}#${created.revision}`,
        tenantId: change.tenantId,
        before: current ? fields(current) : null,
        after: { ...fields(created), state: created.state, reason: created.reason },
      },
      tx,
    );
  return { deployment: created, changes: diffRevisions(current ? fields(current) : null, fields(created)) };
}

/** Appends the target's next revision (one in flight per target) and audits it, in one transaction. */
async function newRevision(viewer: Viewer, context: RequestContext, target: DeploymentTarget, change: NewRevision) {
  const tenantId = await assertTenantPermission(viewer, "deploy.create", target.tenant);
  assertEnvironmentAllowed(viewer, target.environmentId);
  const environment = await environmentFor(target.environmentId);
  return getPrisma().$transaction((tx) =>
    appendRevision(tx, viewer, context, target, environment, { ...change, tenantId, audit: true }),
  );
}

export async function createDeployment(viewer: Viewer, context: RequestContext, body: unknown) {
  assertAny(viewer, "deploy.create");
  const input = createDeploymentInput.parse(body);
  const target = { environmentId: input.environment, tenant: input.tenant, stage: input.stage };
  return newRevision(viewer, context, target, {
    action: "deploy",
    reason: input.reason,
    from: (current) => ({
      version: input.version ?? current?.version ?? "dev",
      config: input.config ?? (current?.config as Record<string, string> | undefined) ?? {},
      replicas: input.replicas ?? current?.replicas ?? 1,
    }),
  });
}

const targetOf = (d: DeploymentRow): DeploymentTarget => ({
  environmentId: d.environmentId,
  tenant: d.tenant,
  stage: d.stage,
});
const orCurrent = (d: DeploymentRow) => (current: DeploymentRow | null) => fields(current ?? d);

export async function scaleDeployment(viewer: Viewer, context: RequestContext, id: string, body: unknown) {
  assertAny(viewer, "deploy.create");
  const input = scaleInput.parse(body);
  const d = await readableDeployment(viewer, id);
  return newRevision(viewer, context, targetOf(d), {
    action: input.replicas === 0 ? "stop" : "scale",
    reason: input.reason ?? `scale to ${input.replicas}`,
    from: (current) => ({ ...orCurrent(d)(current), replicas: input.replicas }),
  });
}

export async function restartDeployment(viewer: Viewer, context: RequestContext, id: string, body: unknown) {
  assertAny(viewer, "deploy.create");
  const input = actionInput.parse(body ?? {});
  const d = await readableDeployment(viewer, id);
  return newRevision(viewer, context, targetOf(d), {
    action: "restart",
    reason: input.reason ?? "restart",
    from: orCurrent(d),
  });
}

export async function stopDeployment(viewer: Viewer, context: RequestContext, id: string, body: unknown) {
  assertAny(viewer, "deploy.create");
  const input = actionInput.parse(body ?? {});
  const d = await readableDeployment(viewer, id);
  return newRevision(viewer, context, targetOf(d), {
    action: "stop",
    reason: input.reason ?? "stop",
    from: (current) => ({ ...orCurrent(d)(current), replicas: 0 }),
  });
}

/** A new deployment of an earlier revision's version, config and replicas. */
export async function rollbackDeployment(viewer: Viewer, context: RequestContext, id: string, body: unknown) {
  assertAny(viewer, "deploy.create");
  const input = rollbackInput.parse(body);
  const d = await readableDeployment(viewer, id);
  const earlier = await getPrisma().deployment.findUnique({
    where: { environmentId_tenant_stage_revision: { ...targetOf(d), revision: input.revision } },
  });
  if (!earlier) throw new AppError("NOT_FOUND", `${targetLabel(targetOf(d))} has no revision ${input.revision}`);
  if (earlier.state !== "SUCCEEDED")
    throw new AppError(
      "BAD_REQUEST",
      `revision ${input.revision} is ${earlier.state}; roll back only to a revision that succeeded`,
    );
  return newRevision(viewer, context, targetOf(d), {
    action: "rollback",
    reason: input.reason,
    from: () => ({ ...fields(earlier), rollbackOf: earlier.revision }),
  });
}

async function decide(viewer: Viewer, context: RequestContext, id: string, to: "QUEUED" | "CANCELED") {
  assertAny(viewer, to === "QUEUED" ? "deploy.approve" : "deploy.create");
  const d = await readableDeployment(viewer, id);
  const tenantId = await assertTenantPermission(viewer, to === "QUEUED" ? "deploy.approve" : "deploy.create", d.tenant);
  assertEnvironmentAllowed(viewer, d.environmentId);
  if (to === "QUEUED") {
    const decision = decideApproval({ state: d.state, requestedById: d.requestedById }, viewer.id);
    if (!decision.allowed)
      throw new AppError(d.state === "PENDING_APPROVAL" ? "FORBIDDEN" : "CONFLICT", decision.reason);
  } else if (d.state !== "PENDING_APPROVAL" && d.state !== "QUEUED") {
    throw new AppError(
      "CONFLICT",
      `the deployment is ${d.state}; only one waiting for approval or queued can be canceled`,
    );
  }
  return getPrisma().$transaction(async (tx) => {
    const from = to === "QUEUED" ? ["PENDING_APPROVAL" as const] : ["PENDING_APPROVAL" as const, "QUEUED" as const];
    const changed = await tx.deployment.updateMany({
      where: { id, state: { in: from } },
      data:
        to === "QUEUED"
          ? { state: "QUEUED", approvedBy: viewer.email, message: `approved by ${viewer.email}` }
          : { state: "CANCELED", finishedAt: new Date(), message: `canceled by ${viewer.email}` },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "the deployment changed meanwhile; reload");
    await recordAudit(
      viewer,
      context,
      {
        action: to === "QUEUED" ? "deployment.approve" : "deployment.cancel",
        target: `deployment:${targetLabel(targetOf(d))}#${d.revision}`,
        tenantId,
        before: { state: d.state },
        after: { state: to },
      },
      tx,
    );
    return { deployment: await tx.deployment.findUniqueOrThrow({ where: { id } }) };
  });
}

export const approveDeployment = (viewer: Viewer, context: RequestContext, id: string) =>
  decide(viewer, context, id, "QUEUED");
export const cancelDeployment = (viewer: Viewer, context: RequestContext, id: string) =>
  decide(viewer, context, id, "CANCELED");
