/**
 * The one exponential backoff: the wait after the `failures`-th failure in a row is `baseMs`,
 * doubling with each further failure, at most `maxMs`. Fewer than one failure waits `baseMs`.
 * The exponent stops at 40 (2 ** 40 already dwarfs any sensible wait), so the number stays finite.
 */
export function backoffMs(
  failures: number,
  { baseMs, maxMs = Number.POSITIVE_INFINITY }: { baseMs: number; maxMs?: number },
): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, failures - 1), 40));
}

export type RetryPolicy = {
  /** tries in all, the first included */
  attempts: number;
  /** whether a failure is worth another try; anything else is thrown at once */
  isRetriable: (error: unknown) => boolean;
  /** the wait after the `attempt`-th failed try (1-based) */
  delayMs: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
};

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `operation` until it succeeds, a failure is not retriable, or the attempts are spent (then the last failure is thrown). */
export async function retryWhile<T>(
  operation: () => Promise<T>,
  { attempts, isRetriable, delayMs, sleep = sleepMs }: RetryPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetriable(error) || attempt >= attempts) throw error;
      await sleep(delayMs(attempt));
    }
  }
}
