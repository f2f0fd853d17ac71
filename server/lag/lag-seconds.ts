/**
 * Lag in time, the kafka-lag-exporter way: each partition keeps a short history of
 * (end offset, time) samples. The next message a group will consume (offset = committed) was
 * written when the end offset moved past `committed`; interpolating that moment between samples
 * gives the age of the oldest unconsumed message, which is the lag in seconds.
 */
export type OffsetSample = { offset: number; atMs: number };

export type TimeLag =
  /** interpolated inside the sampled history */
  | { seconds: number; kind: "exact" }
  /** the waiting message is older than the history: at least this many seconds */
  | { seconds: number; kind: "at-least" };

/**
 * `history` holds end-offset samples of one partition, oldest first, offsets non-decreasing (see
 * appendSample). `endOffset` is the end offset read at `nowMs`; `committed` was read at
 * `committedAtMs` (by default the same moment). The lag is the waiting message's age when the
 * committed offset was read: stamping it with the end offsets' time instead would add the time
 * between the two reads to every lag.
 */
export function lagSeconds(
  history: readonly OffsetSample[],
  committed: number,
  endOffset: number,
  nowMs: number,
  committedAtMs = nowMs,
): TimeLag {
  // Caught up (or ahead after a truncation): nothing waits, however long the partition was idle.
  if (committed >= endOffset) return { seconds: 0, kind: "exact" };
  const points = [...history, { offset: endOffset, atMs: nowMs }];
  const target = committed + 1; // the end offset right after the waiting message was written
  const index = points.findIndex((p) => p.offset >= target);
  if (index <= 0) {
    // Older than everything sampled (a long-stopped consumer, a reset to earliest): the history's
    // span is a true lower bound; extrapolating beyond it is how other tools report years of lag.
    return { seconds: Math.max(0, committedAtMs - points[0]!.atMs) / 1000, kind: "at-least" };
  }
  const before = points[index - 1]!;
  const after = points[index]!;
  const fraction = (target - before.offset) / (after.offset - before.offset);
  const writtenAt = before.atMs + fraction * (after.atMs - before.atMs);
  return { seconds: Math.max(0, committedAtMs - writtenAt) / 1000, kind: "exact" };
}

/**
 * Adds a sample, keeping the history bounded. While the end offset does not move only the first
 * and the latest sample of the run are kept: an idle partition costs nothing, yet the next
 * message's write time stays bracketed by "still at N at time t". An end offset below the last one
 * (topic recreated or truncated) starts a new history.
 */
export function appendSample(history: readonly OffsetSample[], sample: OffsetSample, maxSamples = 120): OffsetSample[] {
  const last = history[history.length - 1];
  const secondLast = history[history.length - 2];
  if (last && sample.offset < last.offset) return [sample];
  if (last && secondLast && sample.offset === last.offset && last.offset === secondLast.offset) {
    return [...history.slice(0, -1), sample];
  }
  const next = [...history, sample];
  return next.length > maxSamples ? next.slice(next.length - maxSamples) : next;
}
