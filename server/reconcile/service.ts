/**
 * The reconciliation API's server side: start a run of a tenant (reconcile.run, audited), its
 * latest runs with their progress, and a run's differing ids page by page (tenant.read: ids and
 * versions only, no health data). A differing id is re-synced through the lookup's re-sync. Each
 * takes a tenant resolved for the viewer with tenant.read.
 */
import "server-only";
import { z } from "zod";
import { decideAccess, type Viewer } from "@/server/auth/access";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { assertAllowed } from "@/server/auth/viewer";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { ENTITIES } from "./chunk-queries";
import { enqueueReconcileRun } from "./runs";
import { decodeCursor, encodeCursor, runJson, type ReconcileDifferenceJson, type ReconcileRunJson } from "./view";

const RECONCILABLE = ["ACTIVE", "SUSPENDED"];

export type ReconcileOverview = { runs: ReconcileRunJson[]; canRun: string | null; canResync: string | null };

/** Why the viewer cannot start a run now, or null when they can. */
function runBlocker(viewer: Viewer, tenant: { id: string; status: string }): string | null {
  const access = decideAccess(viewer, "reconcile.run", tenant.id);
  if (!access.allowed) return access.reason;
  if (!RECONCILABLE.includes(tenant.status))
    return `the tenant is ${tenant.status}; only an active or suspended tenant has a target to reconcile`;
  return null;
}

export async function getReconcileOverview(viewer: Viewer, tenant: Tenant): Promise<ReconcileOverview> {
  const runs = await getPrisma().reconcileRun.findMany({
    where: { tenantId: tenant.id },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
  const resync = decideAccess(viewer, "entity.resync", tenant.id);
  return {
    runs: runs.map(runJson),
    canRun: runBlocker(viewer, tenant),
    canResync: resync.allowed ? null : resync.reason,
  };
}

/** Queues a run (or returns the one already queued or running), audited as reconcile.start. */
/** Starting a run needs reconcile.run in some tenant: refused before the tenant is looked up. */
export const assertMayReconcile = (viewer: Viewer) => assertAllowed(viewer, "reconcile.run");

export async function startReconcile(
  viewer: Viewer,
  tenant: Tenant,
  context: RequestContext,
): Promise<{ run: ReconcileRunJson; created: boolean }> {
  assertMayReconcile(viewer);
  assertAllowed(viewer, "reconcile.run", tenant.id);
  const blocker = runBlocker(viewer, tenant);
  if (blocker) throw new AppError("CONFLICT", blocker);
  const queued = await enqueueReconcileRun(getPrisma(), {
    tenantId: tenant.id,
    requestedBy: viewer.email,
    requestedById: viewer.id,
  });
  if (!queued.run) throw new AppError("CONFLICT", "the run could not be queued");
  if (queued.created) {
    await recordAudit(viewer, context, {
      action: "reconcile.start",
      tenantId: tenant.id,
      target: `reconcile-run:${queued.run.id}`,
      after: { tenant: tenant.slug },
    });
  }
  return { run: runJson(queued.run), created: queued.created };
}

export const differencesQuery = z
  .object({
    entity: z.enum(ENTITIES).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type DifferencesPage = { differences: ReconcileDifferenceJson[]; nextCursor: string | null };

export async function listReconcileDifferences(
  tenant: Tenant,
  runId: string,
  input: unknown,
): Promise<DifferencesPage> {
  const query = differencesQuery.parse(input);
  if (!z.string().uuid().safeParse(runId).success) throw new AppError("BAD_REQUEST", "runId must be a UUID");
  const run = await getPrisma().reconcileRun.findFirst({
    where: { id: runId, tenantId: tenant.id },
    select: { id: true },
  });
  if (!run) throw new AppError("NOT_FOUND", `no reconciliation run ${runId} of ${tenant.slug}`);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !after)
    throw new AppError("BAD_REQUEST", "cursor: not a cursor of this list; pass the nextCursor of the previous page");
  const rows = await getPrisma().reconcileDifference.findMany({
    where: {
      runId,
      ...(query.entity ? { entity: query.entity } : {}),
      ...(after
        ? { OR: [{ entity: { gt: after.entity } }, { entity: after.entity, entityId: { gt: after.entityId } }] }
        : {}),
    },
    orderBy: [{ entity: "asc" }, { entityId: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    differences: page.map((r) => ({
      entity: r.entity,
      entityId: r.entityId,
      kind: r.kind,
      memberId: r.memberId,
      sourceVersion: r.sourceVersion?.toString() ?? null,
      targetVersion: r.targetVersion?.toString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.entity, last.entityId) : null,
  };
}
