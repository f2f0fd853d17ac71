/**
 * When a failed entity update is tried again, and when we give up (DESIGN.md "Retry").
 *
 * `sync-attempt` numbers deliveries: a first delivery (no header) that fails is written to the
 * retry topic as attempt 1 and waits `delaysMs[0]`; the retry-processor forwards it to the updates
 * topic as attempt 2; if that fails it waits `delaysMs[1]`, and so on. Once attempt `maxAttempts`
 * has failed the message goes to the dead-letter topic instead of waiting again. The default,
 * delays + 1 attempts, uses every delay of the schedule once.
 */
import { z } from "zod";

export const DEFAULT_RETRY_DELAYS_MS = [1_000, 10_000, 60_000, 600_000] as const;

export interface RetrySchedule {
  delaysMs: readonly number[];
  /** deliveries in all, the first one included; after the last one fails: dead letter */
  maxAttempts: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  delaysMs: DEFAULT_RETRY_DELAYS_MS,
  maxAttempts: DEFAULT_RETRY_DELAYS_MS.length + 1,
};

/** Delay before retrying after `attempt` failures; past the schedule's end the last delay repeats. */
export function retryDelayMs(attempt: number, schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE): number {
  const { delaysMs } = schedule;
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`attempt must be a positive integer (got ${attempt})`);
  if (delaysMs.length === 0) return 0;
  return delaysMs[Math.min(attempt, delaysMs.length) - 1]!;
}

export function retryDueAt(attempt: number, failedAt: Date, schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE): Date {
  return new Date(failedAt.getTime() + retryDelayMs(attempt, schedule));
}

export type RetryDecision =
  | { kind: "dead-letter"; reason: string }
  | { kind: "wait"; dueAt: Date; waitMs: number }
  | { kind: "forward"; nextAttempt: number };

/**
 * What the retry-processor does with a message that failed `attempt` times and is due at `dueAt`
 * (the header its writer set; without one, `writtenAt` + the delay for that attempt).
 */
export function decideRetry(
  input: { attempt: number; dueAt?: Date; writtenAt: Date; now: Date },
  schedule: RetrySchedule,
): RetryDecision {
  const { attempt, now } = input;
  if (attempt >= schedule.maxAttempts) {
    return {
      kind: "dead-letter",
      reason: `attempts exhausted: attempt ${attempt} of at most ${schedule.maxAttempts} failed`,
    };
  }
  const dueAt =
    input.dueAt && !Number.isNaN(input.dueAt.getTime()) ? input.dueAt : retryDueAt(attempt, input.writtenAt, schedule);
  const waitMs = dueAt.getTime() - now.getTime();
  return waitMs > 0 ? { kind: "wait", dueAt, waitMs } : { kind: "forward", nextAttempt: attempt + 1 };
}

/** RETRY_DELAYS_MS: comma-separated milliseconds, one retry tier (and topic) per delay. */
export const retryDelaysSchema = z
  .string()
  .regex(/^\d+(,\d+)*$/, "RETRY_DELAYS_MS must be comma-separated milliseconds, e.g. 1000,10000,60000")
  .transform((text) => text.split(",").map(Number));

/** RETRY_MAX_ATTEMPTS: deliveries of a message before it goes to the dead-letter topic. */
export const retryMaxAttemptsSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, "RETRY_MAX_ATTEMPTS must be a whole number from 1 to 100")
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, "RETRY_MAX_ATTEMPTS must be a whole number from 1 to 100")
      .max(100, "RETRY_MAX_ATTEMPTS must be a whole number from 1 to 100"),
  );

/** `RETRY_DELAYS_MS=1000,10000,60000,600000`, `RETRY_MAX_ATTEMPTS=5` (default: number of delays + 1). */
export function parseRetrySchedule(env: Record<string, string | undefined>): RetrySchedule {
  const delays = retryDelaysSchema.optional().parse(env.RETRY_DELAYS_MS || undefined);
  const delaysMs = delays ?? [...DEFAULT_RETRY_DELAYS_MS];
  const maxAttempts = retryMaxAttemptsSchema.optional().parse(env.RETRY_MAX_ATTEMPTS || undefined);
  return { delaysMs, maxAttempts: maxAttempts ?? delaysMs.length + 1 };
}
