/**
 * Rates from offset deltas and the time to drain a lag. Both use the first and last sample of a
 * window, which smooths sampling jitter.
 */
export type RateSample = { atMs: number; offset: number };

/** Messages per second between the first and last sample; 0 for fewer than two samples. */
export function ratePerSecond(window: readonly RateSample[]): number {
  if (window.length < 2) return 0;
  const first = window[0]!;
  const last = window[window.length - 1]!;
  const seconds = (last.atMs - first.atMs) / 1000;
  if (seconds <= 0) return 0;
  return Math.max(0, (last.offset - first.offset) / seconds);
}

export type DrainEstimate =
  | { state: "caught-up" }
  | { state: "draining"; seconds: number }
  | { state: "not-draining" };

/** Time until the lag is gone if the group keeps consuming faster than producers write. */
export function estimateDrain(lag: number, consumePerSecond: number, producePerSecond: number): DrainEstimate {
  if (lag <= 0) return { state: "caught-up" };
  const net = consumePerSecond - producePerSecond;
  if (net <= 0) return { state: "not-draining" };
  return { state: "draining", seconds: lag / net };
}
