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

export type DrainEstimate = { state: "caught-up" } | { state: "draining"; seconds: number } | { state: "not-draining" };

/**
 * A lag the group consumes within this many seconds at its current rate is messages in flight
 * (fetched, being applied, not yet committed), not a backlog: a group that keeps up with a steady
 * stream always shows a little lag and would otherwise read "not draining" forever.
 */
export const IN_FLIGHT_SECONDS = 5;

/** Time until the lag is gone if the group keeps consuming faster than producers write. */
export function estimateDrain(
  lag: number,
  consumePerSecond: number,
  producePerSecond: number,
  inFlightSeconds = IN_FLIGHT_SECONDS,
): DrainEstimate {
  if (lag <= 0 || lag <= consumePerSecond * inFlightSeconds) return { state: "caught-up" };
  const net = consumePerSecond - producePerSecond;
  if (net <= 0) return { state: "not-draining" };
  return { state: "draining", seconds: lag / net };
}

/**
 * Several partitions' estimates as one (a topic's, a group's): the lag is gone when the slowest
 * partition is drained, so one partition that does not drain, or whose rate is not known yet
 * (null), decides.
 */
export function combineDrains(estimates: ReadonlyArray<DrainEstimate | null>): DrainEstimate | null {
  if (estimates.some((e) => e?.state === "not-draining")) return { state: "not-draining" };
  if (estimates.some((e) => e === null)) return null;
  const seconds = estimates.flatMap((e) => (e?.state === "draining" ? [e.seconds] : []));
  return seconds.length ? { state: "draining", seconds: Math.max(...seconds) } : { state: "caught-up" };
}
