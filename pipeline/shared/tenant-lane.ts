/**
 * How one tenant's batches run inside a processor (a dedicated one is a pool of one): each batch
 * in turns of the tenant's budget (its database work takes a fair-share slot, see
 * hold-through-outage.ts, for that work only: not while the turn produces or commits); a turn that
 * fails on the tenant's side (its target rows locked past the lock timeout, a handler error)
 * pauses the tenant's partitions — this one at once, each other one as its next batch arrives —
 * for a backoff (tenant-pause.ts), then resumes them. Nothing is skipped: what the failed turn did
 * not resolve is fetched again after the pause. Errors of the consumer itself (KafkaJS: a
 * rebalance, a broker away) are rethrown, so kafkajs recovers from them as it always did.
 */
import { KafkaJSError, type Batch, type EachBatchPayload } from "kafkajs";
import { errorField, type Logger } from "@/lib/log/logger";
import { budgetTurns } from "./fair-share";
import type { Heartbeat } from "./heartbeat";
import { paceDelayMs } from "./pace";
import type { ProcessorMetrics } from "./processor-metrics";
import { afterFailure, afterSuccess, pauseRemainingMs, RUNNING, type PausePolicy } from "./tenant-pause";

type BatchHandler = (payload: EachBatchPayload) => Promise<void>;

export interface TenantLaneOptions {
  tenant: string;
  /** messages per turn; null = the whole batch */
  budget: number | null;
  pause: PausePolicy;
  maxRate: number | null;
  heartbeat: Heartbeat;
  metrics: ProcessorMetrics;
  logger: Logger;
  handle: BatchHandler;
  now?: () => number;
}

export interface TenantLane {
  eachBatch: BatchHandler;
  /** the tenant's pause now: how long, and after how many failures in a row */
  paused: () => { remainingMs: number; failures: number };
  /** clears the resume timers (the consumer is stopping) */
  stop: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function tenantLane(o: TenantLaneOptions): TenantLane {
  const now = o.now ?? Date.now;
  let state = RUNNING;
  const timers = new Set<NodeJS.Timeout>();

  /** Pauses this topic-partition only, and resumes it when the tenant's pause is over. */
  const holdPartition = (payload: EachBatchPayload, ms: number) => {
    const resume = payload.pause();
    const timer = setTimeout(() => {
      timers.delete(timer);
      resume();
    }, ms);
    timers.add(timer);
  };

  const eachBatch: BatchHandler = async (payload) => {
    const waiting = pauseRemainingMs(state, now());
    if (waiting > 0) return holdPartition(payload, waiting);
    const turns = budgetTurns(payload.batch.messages, o.budget);
    let stagePaused = false;
    for (let i = 0; i < turns.length; i++) {
      if (stagePaused || !payload.isRunning() || payload.isStale()) return;
      const turn = turnPayload(payload, turns[i]!, i === turns.length - 1, () => (stagePaused = true));
      const started = Date.now();
      try {
        await o.handle(turn);
        if (!turn.batch.isEmpty()) o.metrics.observeBatch((Date.now() - started) / 1000);
        state = afterSuccess();
      } catch (error) {
        o.heartbeat.recordError(error);
        o.heartbeat.add({ failed: 1 });
        if (error instanceof KafkaJSError) throw error;
        state = afterFailure(state, now(), o.pause);
        const ms = pauseRemainingMs(state, now());
        o.logger.warn(
          { err: errorField(error), failures: state.failures, pauseMs: ms },
          `pausing the tenant's partitions for ${ms} ms after failure ${state.failures} in a row: ${(error as Error)?.message ?? String(error)}`,
        );
        // the console learns of the pause now, not at the next beat
        o.heartbeat.beat().catch(() => {});
        return holdPartition(payload, ms);
      }
      const wait = paceDelayMs(turn.batch.messages.length, Date.now() - started, o.maxRate);
      if (wait > 0) await sleep(wait);
    }
  };

  return {
    eachBatch,
    paused: () => ({ remainingMs: pauseRemainingMs(state, now()), failures: state.failures }),
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * The payload a stage handler sees for one turn: the turn's messages as the batch (its last
 * offset is the turn's last message, or the real batch's on the last turn, so a control record
 * at the end is still resolved), and a pause that also ends the remaining turns.
 */
function turnPayload(
  payload: EachBatchPayload,
  messages: Batch["messages"],
  last: boolean,
  onPause: () => void,
): EachBatchPayload {
  const pause = () => {
    onPause();
    return payload.pause();
  };
  const { batch } = payload;
  if (last && messages.length === batch.messages.length) return { ...payload, pause };
  const turn = Object.create(batch) as Batch;
  Object.assign(turn, {
    messages,
    isEmpty: () => messages.length === 0,
    firstOffset: () => messages[0]?.offset ?? null,
    lastOffset: () => (last ? batch.lastOffset() : messages[messages.length - 1]!.offset),
  });
  return { ...payload, batch: turn, pause };
}
