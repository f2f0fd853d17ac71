/**
 * Throughput from the sampler's stored sums: messages written to a topic per second from its
 * end-offset sum, messages a group consumed per second from its committed-offset sum. A sum that
 * goes down (topic recreated, group reset) yields no rate for that interval rather than a
 * negative one.
 */
export type SumSample = { atMs: number; sum: number };
export type RatePoint = { atMs: number; perSecond: number };

export function rateSeries(samples: readonly SumSample[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (let i = 1; i < samples.length; i += 1) {
    const previous = samples[i - 1]!;
    const current = samples[i]!;
    const seconds = (current.atMs - previous.atMs) / 1000;
    const delta = current.sum - previous.sum;
    if (seconds <= 0 || delta < 0) continue;
    points.push({ atMs: current.atMs, perSecond: delta / seconds });
  }
  return points;
}

/** Messages per second over the last `windowMs` of a series of sums. */
export function recentRate(samples: readonly SumSample[], windowMs: number): number {
  const last = samples[samples.length - 1];
  if (!last) return 0;
  const first = samples.find((s) => s.atMs >= last.atMs - windowMs) ?? last;
  const seconds = (last.atMs - first.atMs) / 1000;
  return seconds > 0 ? Math.max(0, (last.sum - first.sum) / seconds) : 0;
}
