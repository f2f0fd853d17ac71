/**
 * Status of a partition whose records are held on purpose for a fixed delay: a retry tier topic
 * `sync.<t>.retry.<tier>`, where every record waits the tier's delay after it was written. Pure;
 * clock and tolerance injected.
 *
 * With one delay per topic, the oldest waiting record (the one at the committed offset) is due at
 * its write time + the delay, and the lag in seconds is its age. So lag seconds − delay is exactly
 * how overdue it is: ≤ 0 means it is still waiting for its time (OK however long the lag), more
 * than the tolerance means the consumer is not keeping its schedule.
 */
import { DEFAULT_RETRY_DELAYS_MS } from "@/lib/contract/retry-schedule";
import { retryTopicInfo } from "@/lib/contract/topics";
import { formatElapsed } from "@/lib/duration";
import type { PartitionSample, StatusVerdict } from "./burrow-status";

/** How late a held record may be forwarded before its partition is WARN/STALL. */
export const DEFAULT_HELD_TOLERANCE_MS = 30_000;

/**
 * How long a topic holds each record: a retry tier's delay; for the single retry topic of earlier
 * versions (all delays mixed) the longest default delay, an upper bound while it drains.
 * Undefined for a topic that does not hold records.
 */
export function holdMsOfTopic(topic: string): number | undefined {
  const info = retryTopicInfo(topic);
  if (!info) return undefined;
  return info.delayMs ?? Math.max(...DEFAULT_RETRY_DELAYS_MS);
}

export type HeldPartitionInput = {
  /** samples of this group-partition, oldest first (the last one is now) */
  window: readonly PartitionSample[];
  groupHasMembers: boolean;
  /** age of the record at the committed offset (0 when nothing waits) */
  lagSeconds: number;
  holdMs: number;
  toleranceMs: number;
  nowMs: number;
};

export type HeldVerdict = StatusVerdict & {
  /** records waiting */
  waiting: number;
  /** when the record at the committed offset is due; null when nothing waits */
  headDueAtMs: number | null;
};

export function evaluateHeldPartition(input: HeldPartitionInput): HeldVerdict {
  const last = input.window[input.window.length - 1];
  if (!last) return { status: "ERR", reason: "no offsets sampled yet", waiting: 0, headDueAtMs: null };
  const waiting = Math.max(0, last.end - last.committed);
  if (waiting === 0) return { status: "OK", reason: "nothing waiting", waiting, headDueAtMs: null };
  const overdueMs = input.lagSeconds * 1000 - input.holdMs;
  const headDueAtMs = input.nowMs - overdueMs;
  const due =
    overdueMs > 0
      ? `the oldest was due ${formatElapsed(overdueMs)} ago`
      : `the next is due in ${formatElapsed(-overdueMs)}`;
  if (!input.groupHasMembers)
    return {
      status: "STOP",
      reason: `no consumer is running; ${waiting} messages waiting, ${due}`,
      waiting,
      headDueAtMs,
    };
  if (overdueMs <= input.toleranceMs)
    return { status: "OK", reason: `${waiting} messages waiting for their time, ${due}`, waiting, headDueAtMs };
  const first = input.window[0]!;
  if (input.window.length >= 2 && first.committed === last.committed) {
    return {
      status: "STALL",
      reason: `${waiting} messages waiting and ${due}, but the committed offset has not moved for ${formatElapsed(last.atMs - first.atMs)}`,
      waiting,
      headDueAtMs,
    };
  }
  return { status: "WARN", reason: `consuming, but ${due} (${waiting} messages waiting)`, waiting, headDueAtMs };
}

/** A held group's own numbers: everything waiting across its partitions and the next due time. */
export function summarizeHeld(
  partitions: ReadonlyArray<Pick<HeldVerdict, "waiting" | "headDueAtMs">>,
  nowMs: number,
): string {
  const waiting = partitions.reduce((sum, p) => sum + p.waiting, 0);
  const holding = partitions.filter((p) => p.waiting > 0).length;
  if (waiting === 0) return "nothing waiting";
  const next = Math.min(...partitions.flatMap((p) => (p.headDueAtMs === null ? [] : [p.headDueAtMs])));
  const when =
    next <= nowMs
      ? `next was due ${formatElapsed(nowMs - next)} ago`
      : `next due in ${formatElapsed(next - nowMs)} (${new Date(next).toISOString().slice(11, 19)} UTC)`;
  return `${waiting} messages waiting in ${holding} of ${partitions.length} partitions, ${when}`;
}
