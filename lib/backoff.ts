/**
 * The one exponential backoff: the wait after the `failures`-th failure in a row is `baseMs`,
 * doubling with each further failure, at most `maxMs`. Fewer than one failure waits `baseMs`.
 * The exponent stops at 40 (2 ** 40 already dwarfs any sensible wait), so the number stays finite.
 */
export function backoffMs(failures: number, { baseMs, maxMs = Number.POSITIVE_INFINITY }: { baseMs: number; maxMs?: number }): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, failures - 1), 40));
}
