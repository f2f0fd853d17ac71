/**
 * Moving a tenant between a pool and dedicated processors (move-steps.ts says how a move goes):
 * starting one changes the tenant's placement, records the move and audits it in one
 * transaction (one running move per tenant: an advisory lock, then the check), then asks the
 * deployments service — as the person who asked, so its own checks and audit apply — for what
 * the new placement needs: the tenant's dedicated deployments per stage (the pool's current
 * version and config), or stopping them; a pool picks a tenant up by itself (its processors
 * re-read their members, pipeline/shared/pool-members.ts) — only a pool that served nobody runs
 * no processor and is restarted. The tenant-moves worker then follows the move to its end.
 */
import "server-only";
import { DEDICATED, isPoolName, poolMembersWhere } from "@/lib/contract/placement";
import { STAGES } from "@/lib/contract/topics";
import { decideAccess, type Viewer } from "@/server/auth/access";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { createDeployment, restartDeployment, stopDeployment } from "@/server/deployments/service";
import { IN_FLIGHT_STATES } from "@/server/deployments/lifecycle";
import { AppError } from "@/server/errors";
import { moveInput } from "./move-input";
import { moveView, type MoveView } from "./move-view";

/**
 * The tenant's latest moves, newest first (the route checked deploy.read in the tenant), and why
 * the viewer may not move it (null: they may), for a button that says why it is disabled.
 */
export async function listTenantMoves(
  tenant: Tenant,
  viewer?: Viewer,
): Promise<{ moves: MoveView[]; placement: string; cannotMove: string | null }> {
  const moves = await getPrisma().tenantMove.findMany({
    where: { tenantId: tenant.id },
    orderBy: { startedAt: "desc" },
    take: 10,
  });
  const access = viewer ? decideAccess(viewer, "deploy.create", tenant.id) : ({ allowed: true } as const);
  return {
    moves: moves.map(moveView),
    placement: tenant.placement,
    cannotMove: access.allowed ? null : `Your role does not include deploy.create for ${tenant.slug}`,
  };
}

const current = (environmentId: string, target: string, stage: string) =>
  getPrisma().deployment.findFirst({
    where: { environmentId, tenant: target, stage, state: { in: ["ROLLING_OUT", "SUCCEEDED", "FAILED"] } },
    orderBy: { revision: "desc" },
  });

/** Starts moving `tenant` to the placement in `body` (the route checked deploy.create in the tenant). */
export async function startTenantMove(
  viewer: Viewer,
  context: RequestContext,
  tenant: Tenant,
  body: unknown,
): Promise<MoveView> {
  const input = moveInput.parse(body);
  const from = tenant.placement;
  const to = input.placement;
  if (to === from) throw new AppError("CONFLICT", `${tenant.slug} is already ${placementLabel(to)}`);
  if (tenant.status !== "ACTIVE")
    throw new AppError("CONFLICT", `${tenant.slug} is ${tenant.status}; only an ACTIVE tenant's processors can move`);
  const environmentId = tenant.environmentId;
  if (!environmentId) throw new AppError("CONFLICT", `${tenant.slug} is deployed to no environment`);
  const pool = isPoolName(to) ? to : from;
  const poolDeployments = await Promise.all(STAGES.map((stage) => current(environmentId, pool, stage)));
  const missing = STAGES.filter((_, i) => !poolDeployments[i]);
  if (missing.length)
    throw new AppError(
      "CONFLICT",
      `${pool} has no deployment of ${missing.join(", ")} in ${environmentId}; deploy the pool first`,
    );
  // said first, as it is the likelier reason; checked again under the lock below
  const running = await getPrisma().tenantMove.findFirst({ where: { tenantId: tenant.id, state: "RUNNING" } });
  if (running) throw alreadyMoving(tenant.slug, running);
  // the deployments this move will ask for must not be refused halfway: nothing in flight on them
  const touched = [...(to === DEDICATED || from === DEDICATED ? [tenant.slug] : []), ...(isPoolName(to) ? [to] : [])];
  const inFlight = await getPrisma().deployment.findFirst({
    where: { environmentId, tenant: { in: touched }, state: { in: [...IN_FLIGHT_STATES] } },
  });
  if (inFlight)
    throw new AppError(
      "CONFLICT",
      `revision ${inFlight.revision} (${inFlight.action}) of ${inFlight.tenant}/${inFlight.stage} is still ${inFlight.state}; wait for it`,
    );
  const poolServedNobody =
    isPoolName(to) &&
    (await getPrisma().tenant.count({ where: { ...poolMembersWhere(to), slug: { not: tenant.slug } } })) === 0;

  const move = await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tenant-move:${tenant.slug}`}))`;
    const running = await tx.tenantMove.findFirst({ where: { tenantId: tenant.id, state: "RUNNING" } });
    if (running) throw alreadyMoving(tenant.slug, running);
    const placed = await tx.tenant.updateMany({ where: { id: tenant.id, placement: from }, data: { placement: to } });
    if (placed.count !== 1) throw new AppError("CONFLICT", `${tenant.slug}'s placement changed meanwhile; look again`);
    const created = await tx.tenantMove.create({
      data: {
        tenantId: tenant.id,
        tenant: tenant.slug,
        environmentId,
        fromPlacement: from,
        toPlacement: to,
        message: "placement changed; waiting for the old target to release the tenant",
        requestedById: viewer.id,
        requestedBy: viewer.email,
      },
    });
    await recordAudit(
      viewer,
      context,
      {
        action: "tenant.move",
        target: `tenant:${tenant.slug}`,
        tenantId: tenant.id,
        before: { placement: from },
        after: { placement: to, move: created.id, reason: input.reason ?? null },
      },
      tx,
    );
    return created;
  });

  const reason = input.reason ?? `move ${tenant.slug} from ${from} to ${to}`;
  try {
    if (to === DEDICATED) {
      for (const [i, stage] of STAGES.entries()) {
        const poolRevision = poolDeployments[i]!;
        await createDeployment(viewer, context, {
          environment: environmentId,
          tenant: tenant.slug,
          stage,
          version: poolRevision.version,
          config: poolRevision.config,
          replicas: Math.max(1, poolRevision.replicas),
          reason,
        });
      }
    }
    if (from === DEDICATED)
      for (const stage of STAGES) {
        const own = await current(environmentId, tenant.slug, stage);
        if (own && own.replicas > 0) await stopDeployment(viewer, context, own.id, { reason });
      }
    if (poolServedNobody)
      for (const d of poolDeployments)
        if (d!.replicas > 0) await restartDeployment(viewer, context, d!.id, { reason: `${reason}: first tenant` });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const failed = await getPrisma().tenantMove.update({
      where: { id: move.id },
      data: {
        state: "FAILED",
        message: `the deployments it needs failed: ${why}`.slice(0, 2_000),
        finishedAt: new Date(),
      },
    });
    return moveView(failed);
  }
  return moveView(move);
}

const alreadyMoving = (slug: string, m: { fromPlacement: string; toPlacement: string; step: string }) =>
  new AppError(
    "CONFLICT",
    `${slug} is already moving from ${m.fromPlacement} to ${m.toPlacement} (${m.step}); wait for it`,
  );

const placementLabel = (p: string) => (p === DEDICATED ? "dedicated" : `in ${p}`);
