import { appendSample, lagSeconds, type OffsetSample } from "./lag-seconds";
import { evaluateGroup, evaluatePartition, worstOf, type LagStatus, type PartitionSample } from "./burrow-status";
import { combineDrains, estimateDrain, ratePerSecond, type DrainEstimate } from "./drain";
import {
  DEFAULT_HELD_TOLERANCE_MS,
  evaluateHeldPartition,
  holdMsOfTopic,
  summarizeHeld,
  type HeldVerdict,
} from "./held-status";
import type { OffsetSnapshot } from "./offset-snapshot";

/**
 * What the sampler remembers between snapshots: each partition's end-offset history (for lag in
 * seconds) and each group-partition's window of samples (for the Burrow rules). The sampler owns
 * one instance and passes it to every evaluation; the evaluation updates it in place, because with
 * thousands of partitions copying it every few seconds would be the sampler's main cost.
 */
export type SamplerMemory = {
  endHistory: Map<string, OffsetSample[]>;
  windows: Map<string, PartitionSample[]>;
};

export const newSamplerMemory = (): SamplerMemory => ({ endHistory: new Map(), windows: new Map() });

export type PartitionLag = {
  partition: number;
  committed: number;
  end: number;
  lag: number;
  lagSeconds: number;
  lagSecondsAtLeast: boolean;
  status: LagStatus;
  reason: string;
  /** time to drain at the window's consume and produce rates; null while not known (one sample) */
  drain: DrainEstimate | null;
};

export type TopicLag = {
  topic: string;
  lag: number;
  lagSeconds: number;
  consumePerSecond: number;
  drain: DrainEstimate | null;
  partitions: PartitionLag[];
};

export type GroupLag = {
  groupId: string;
  state: string;
  members: number;
  lag: number;
  lagSeconds: number;
  consumePerSecond: number;
  /** the slowest partition's drain; null while not known, and for records held on purpose (retry tiers) */
  drain: DrainEstimate | null;
  status: LagStatus;
  reason: string;
  topics: TopicLag[];
};

export type EvaluateOptions = {
  /** samples per group-partition window (Burrow's default is 10) */
  windowSize?: number;
  /** end-offset samples kept per partition */
  historySize?: number;
  /** lag-seconds objective for a group, if it has one (per tenant) */
  sloSecondsFor?: (groupId: string) => number | undefined;
  /**
   * How long a topic holds each record on purpose (a retry tier's delay), undefined for a topic
   * that does not: its partitions are judged by how overdue their oldest record is instead of by
   * Burrow's rules. Default: read from the topic name (held-status.ts).
   */
  holdMsFor?: (topic: string) => number | undefined;
  /** how late a held record may be before its partition is WARN/STALL */
  heldToleranceMs?: number;
  /** the sampling interval: held topics keep enough end-offset history to date their oldest record */
  sampleIntervalMs?: number;
};

const key = (a: string, b: string | number, c?: number) =>
  c === undefined ? `${a}\u0000${b}` : `${a}\u0000${b}\u0000${c}`;

/** Lag, lag in seconds and status of every group in the snapshot, worst first. */
export function evaluateSnapshot(
  memory: SamplerMemory,
  snapshot: OffsetSnapshot,
  options: EvaluateOptions = {},
): GroupLag[] {
  const windowSize = options.windowSize ?? 10;
  const historySize = options.historySize ?? 120;
  const holdMsFor = options.holdMsFor ?? holdMsOfTopic;
  const toleranceMs = options.heldToleranceMs ?? DEFAULT_HELD_TOLERANCE_MS;
  const intervalMs = options.sampleIntervalMs ?? 5_000;
  const now = snapshot.atMs;
  // Every offset is paired with the time it was actually read (see OffsetSnapshot).
  const endAt = (topic: string) => snapshot.endReadAtMs?.get(topic) ?? snapshot.atMs;

  for (const [topic, partitions] of snapshot.endOffsets) {
    // A held record's age must be measurable beyond its delay, or "overdue" could never show.
    const holdMs = holdMsFor(topic);
    const size =
      holdMs === undefined ? historySize : Math.max(historySize, Math.ceil((holdMs + 10 * toleranceMs) / intervalMs));
    for (const [partition, end] of partitions) {
      const k = key(topic, partition);
      memory.endHistory.set(k, appendSample(memory.endHistory.get(k) ?? [], { offset: end, atMs: endAt(topic) }, size));
    }
  }

  const seenWindows = new Set<string>();
  const groups = snapshot.groups.map((group): GroupLag => {
    const committedAt = group.committedAtMs ?? snapshot.atMs;
    const topics: TopicLag[] = [];
    const held: HeldVerdict[] = [];
    let lateSecondsMax = 0;
    for (const [topic, committedByPartition] of group.committed) {
      const ends = snapshot.endOffsets.get(topic);
      if (!ends) continue; // topic deleted since the group committed
      const holdMs = holdMsFor(topic);
      const partitions: PartitionLag[] = [];
      let consumePerSecond = 0;
      for (const [partition, committed] of committedByPartition) {
        const end = ends.get(partition) ?? committed;
        const windowKey = key(group.groupId, topic, partition);
        seenWindows.add(windowKey);
        const window = [...(memory.windows.get(windowKey) ?? []), { atMs: committedAt, committed, end }].slice(
          -windowSize,
        );
        memory.windows.set(windowKey, window);
        const endHistory = memory.endHistory.get(key(topic, partition)) ?? [];
        const time = lagSeconds(endHistory, committed, end, endAt(topic), committedAt);
        let verdict: { status: LagStatus; reason: string };
        if (holdMs === undefined) {
          verdict = evaluatePartition(window, group.members > 0);
          lateSecondsMax = Math.max(lateSecondsMax, time.seconds);
        } else {
          const heldVerdict = evaluateHeldPartition({
            window,
            groupHasMembers: group.members > 0,
            lagSeconds: time.seconds,
            holdMs,
            toleranceMs,
            nowMs: now,
          });
          held.push(heldVerdict);
          verdict = { status: heldVerdict.status, reason: heldVerdict.reason };
          // the objective is about lateness: a record waiting for its due time is not behind
          lateSecondsMax = Math.max(lateSecondsMax, time.seconds - holdMs / 1000);
        }
        const consumed = ratePerSecond(window.map((s) => ({ atMs: s.atMs, offset: s.committed })));
        consumePerSecond += consumed;
        const lag = Math.max(0, end - committed);
        partitions.push({
          partition,
          committed,
          end,
          lag,
          lagSeconds: time.seconds,
          lagSecondsAtLeast: time.kind === "at-least",
          ...verdict,
          drain: partitionDrain(lag, window, consumed, endHistory, holdMs !== undefined),
        });
      }
      partitions.sort((a, b) => a.partition - b.partition);
      topics.push({
        topic,
        lag: partitions.reduce((sum, p) => sum + p.lag, 0),
        lagSeconds: Math.max(0, ...partitions.map((p) => p.lagSeconds)),
        consumePerSecond,
        drain: combineDrains(partitions.map((p) => p.drain)),
        partitions,
      });
    }
    const lagSecondsMax = Math.max(0, ...topics.map((t) => t.lagSeconds));
    const verdict = withHeldSummary(
      evaluateGroup(worstPerTopic(topics), lateSecondsMax, options.sloSecondsFor?.(group.groupId)),
      held,
      now,
    );
    return {
      groupId: group.groupId,
      state: group.state,
      members: group.members,
      lag: topics.reduce((sum, t) => sum + t.lag, 0),
      lagSeconds: lagSecondsMax,
      consumePerSecond: topics.reduce((sum, t) => sum + t.consumePerSecond, 0),
      drain: held.length > 0 ? null : combineDrains(topics.map((t) => t.drain)),
      status: verdict.status,
      reason: topics.length ? verdict.reason : "no committed offsets",
      topics,
    };
  });

  // Forget windows of groups or partitions that disappeared, so memory stays bounded.
  for (const windowKey of memory.windows.keys()) if (!seenWindows.has(windowKey)) memory.windows.delete(windowKey);
  return groups;
}

/** A group holding records says how many wait across all its partitions and when the next is due. */
function withHeldSummary(verdict: { status: LagStatus; reason: string }, held: readonly HeldVerdict[], nowMs: number) {
  if (held.length === 0) return verdict;
  const summary = summarizeHeld(held, nowMs);
  return { status: verdict.status, reason: verdict.status === "OK" ? summary : `${verdict.reason}; ${summary}` };
}

/**
 * A partition's time to drain from the rates over its status window: consumed from the committed
 * offsets, produced from the end offsets read over the same span. Unknown (null) until the window
 * has two samples, and for a topic that holds records until they are due (a retry tier: its lag is not a backlog).
 */
function partitionDrain(
  lag: number,
  window: readonly PartitionSample[],
  consumePerSecond: number,
  endHistory: readonly OffsetSample[],
  holds: boolean,
): DrainEstimate | null {
  if (holds) return null;
  if (lag <= 0) return { state: "caught-up" };
  // Caught up within the window (Burrow's rule) and consuming: what waits now is in flight, as the
  // status says; a partition with a few messages per second would otherwise read "not draining".
  if (consumePerSecond > 0 && window.some((s) => s.end <= s.committed)) return { state: "caught-up" };
  if (window.length < 2) return null;
  // from the last end-offset sample at or before the window's start, so both rates cover one span
  let from = endHistory.length - 1;
  while (from > 0 && endHistory[from]!.atMs > window[0]!.atMs) from -= 1;
  return estimateDrain(lag, consumePerSecond, ratePerSecond(endHistory.slice(Math.max(0, from))));
}

function worstPerTopic(topics: TopicLag[]) {
  return topics.map((t) => {
    const worst = worstOf(t.partitions);
    const affected = t.partitions.filter((p) => p.status === worst.status).length;
    const where =
      t.partitions.length > 1 ? ` (${affected} of ${t.partitions.length} partitions of ${t.topic})` : ` (${t.topic})`;
    return { status: worst.status, reason: worst.status === "OK" ? worst.reason : `${worst.reason}${where}` };
  });
}
