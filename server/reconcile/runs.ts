/**
 * Queueing reconciliation runs (plain Node: the API and the schedule both use it). At most one run
 * per tenant is queued or running: enqueueing takes a per-tenant transaction lock, and asking again
 * while one is open returns that one.
 */
import "server-only";
import type { PrismaClient } from "../db/generated/client";

export type RunRow = Awaited<ReturnType<PrismaClient["reconcileRun"]["findUniqueOrThrow"]>>;

export type EnqueueResult = { run: RunRow; created: boolean } | { run: null; created: false };

export async function enqueueReconcileRun(
  db: PrismaClient,
  input: { tenantId: string; requestedBy: string; requestedById?: string | null; unlessStartedWithinMs?: number },
): Promise<EnqueueResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`reconcile:${input.tenantId}`}))`;
    const open = await tx.reconcileRun.findFirst({
      where: { tenantId: input.tenantId, status: { in: ["queued", "running"] } },
      orderBy: { createdAt: "desc" },
    });
    if (open) return { run: open, created: false };
    if (input.unlessStartedWithinMs !== undefined) {
      const since = new Date(Date.now() - input.unlessStartedWithinMs);
      const recent = await tx.reconcileRun.findFirst({ where: { tenantId: input.tenantId, createdAt: { gt: since } } });
      if (recent) return { run: null, created: false };
    }
    const run = await tx.reconcileRun.create({
      data: { tenantId: input.tenantId, requestedBy: input.requestedBy, requestedById: input.requestedById ?? null },
    });
    return { run, created: true };
  });
}

/** How often the schedule queues a run per active tenant; 0 switches it off. */
export function scheduleEveryMinutes(env: Record<string, string | undefined>): number {
  const raw = env.SYNCDECK_RECONCILE_EVERY_MINUTES;
  if (raw === undefined || raw.trim() === "") return 60;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new Error(`SYNCDECK_RECONCILE_EVERY_MINUTES must be a number of minutes ≥ 0 (0 = off), not "${raw}"`);
  return minutes;
}
