/**
 * Follows running tenant moves (server/tenants/move) to their end: every poll, for each RUNNING
 * move, looks at the tenant's processors and groups (observe.ts) and writes what the state
 * machine (move-steps.ts) makes of it. Each write is conditional on the step it read, so several
 * replicas may run this: the first to write a step wins, the others' writes match nothing.
 */
import "server-only";
import type { Admin } from "kafkajs";
import type { PrismaClient } from "@/server/db/generated/client";
import { advanceMove, type MoveProgress, type MoveStep, type MoveState } from "@/server/tenants/move/move-steps";
import { observeMove } from "@/server/tenants/move/observe";
import { createStopSignal, runClaimLoop } from "@/server/lib/claim-loop";

export type TenantMoveWorkerOptions = {
  db: PrismaClient;
  admin: () => Promise<Admin>;
  pollMs?: number;
  /** a step not done in this long fails the move (default 5 min) */
  stepTimeoutMs?: number;
  /** messages behind per stage that still count as caught up (default 100) */
  maxLag?: number;
  /** a heartbeat older than this is not a live instance (default 20 s, the console's staleness) */
  heartbeatFreshMs?: number;
  log?: (line: string) => void;
};

export function startTenantMoveWorker(options: TenantMoveWorkerOptions): { stop(): Promise<void> } {
  const { db } = options;
  const log = options.log ?? (() => {});
  const limits = { stepTimeoutMs: options.stepTimeoutMs ?? 300_000, maxLag: options.maxLag ?? 100 };
  const freshMs = options.heartbeatFreshMs ?? 20_000;
  const signal = createStopSignal();

  const tick = async () => {
    const running = await db.tenantMove.findMany({ where: { state: "RUNNING" }, orderBy: { startedAt: "asc" } });
    if (running.length === 0) return false;
    const admin = await options.admin();
    for (const move of running) {
      const was: MoveProgress = {
        state: move.state as MoveState,
        step: move.step as MoveStep,
        stepStartedAt: move.stepStartedAt,
        message: move.message,
      };
      const now = new Date();
      const next = advanceMove(was, await observeMove(db, admin, move, freshMs), now, limits);
      if (next === was) continue;
      const finished = next.state !== "RUNNING";
      await db.tenantMove.updateMany({
        where: { id: move.id, state: "RUNNING", step: move.step },
        data: { ...next, message: next.message.slice(0, 2_000), finishedAt: finished ? now : null },
      });
      if (next.step !== was.step || finished)
        log(
          `move of ${move.tenant} from ${move.fromPlacement} to ${move.toPlacement}: ${next.state} ${next.step} ${next.message}`,
        );
    }
    return false;
  };

  const loop = runClaimLoop(signal, {
    pollMs: options.pollMs ?? 1_000,
    onError: (error) => log(`tenant move worker: ${error instanceof Error ? error.message : String(error)}`),
    tick,
  });
  return {
    async stop() {
      signal.stop();
      await loop;
    },
  };
}
