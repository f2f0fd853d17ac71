import { appendSample, lagSeconds, type OffsetSample } from "./lag-seconds";
import { evaluateGroup, evaluatePartition, worstOf, type LagStatus, type PartitionSample } from "./burrow-status";
import { ratePerSecond } from "./drain";
import { DEFAULT_HELD_TOLERANCE_MS, evaluateHeldPartition, holdMsOfTopic, summarizeHeld, type HeldVerdict } from "./held-status";
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
};

export type TopicLag = { topic: string; lag: number; lagSeconds: number; consumePerSecond: number; partitions: PartitionLag[] };

export type GroupLag = {
  groupId: string;
  state: string;
  members: number;
  lag: number;
  lagSeconds: number;
  consumePerSecond: number;
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

const key = (a: string, b: string | number, c?: number) => (c === undefined ? `${a}\u0000${b}` : `${a}\u0000${b}\u0000${c}`);

/** Lag, lag in seconds and status of every group in the snapshot, worst first. */
export function evaluateSnapshot(memory: SamplerMemory, snapshot: OffsetSnapshot, options: EvaluateOptions = {}): GroupLag[] {
  const windowSize = options.windowSize ?? 10;
  const historySize = options.historySize ?? 120;
  const holdMsFor = options.holdMsFor ?? holdMsOfTopic;
  const toleranceMs = options.heldToleranceMs ?? DEFAULT_HELD_TOLERANCE_MS;
  const intervalMs = options.sampleIntervalMs ?? 5_000;
  const now = snapshot.atMs;

  for (const [topic, partitions] of snapshot.endOffsets) {
    // A held record's age must be measurable beyond its delay, or "overdue" could never show.
    const holdMs = holdMsFor(topic);
    const size = holdMs === undefined ? historySize : Math.max(historySize, Math.ceil((holdMs + 10 * toleranceMs) / intervalMs));
    for (const [partition, end] of partitions) {
      const k = key(topic, partition);
      memory.endHistory.set(k, appendSample(memory.endHistory.get(k) ?? [], { offset: end, atMs: now }, size));
    }
  }

  const seenWindows = new Set<string>();
  const groups = snapshot.groups.map((group): GroupLag => {
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
        const window = [...(memory.windows.get(windowKey) ?? []), { atMs: now, committed, end }].slice(-windowSize);
        memory.windows.set(windowKey, window);
        const time = lagSeconds(memory.endHistory.get(key(topic, partition)) ?? [], committed, end, now);
        let verdict: { status: LagStatus; reason: string };
        if (holdMs === undefined) {
          verdict = evaluatePartition(window, group.members > 0);
          lateSecondsMax = Math.max(lateSecondsMax, time.seconds);
        } else {
          const heldVerdict = evaluateHeldPartition({ window, groupHasMembers: group.members > 0, lagSeconds: time.seconds, holdMs, toleranceMs, nowMs: now });
          held.push(heldVerdict);
          verdict = { status: heldVerdict.status, reason: heldVerdict.reason };
          // the objective is about lateness: a record waiting for its due time is not behind
          lateSecondsMax = Math.max(lateSecondsMax, time.seconds - holdMs / 1000);
        }
        consumePerSecond += ratePerSecond(window.map((s) => ({ atMs: s.atMs, offset: s.committed })));
        partitions.push({
          partition,
          committed,
          end,
          lag: Math.max(0, end - committed),
          lagSeconds: time.seconds,
          lagSecondsAtLeast: time.kind === "at-least",
          ...verdict,
        });
      }
      partitions.sort((a, b) => a.partition - b.partition);
      topics.push({
        topic,
        lag: partitions.reduce((sum, p) => sum + p.lag, 0),
        lagSeconds: Math.max(0, ...partitions.map((p) => p.lagSeconds)),
        consumePerSecond,
        partitions,
      });
    }
    const lagSecondsMax = Math.max(0, ...topics.map((t) => t.lagSeconds));
    const verdict = withHeldSummary(evaluateGroup(worstPerTopic(topics), lateSecondsMax, options.sloSecondsFor?.(group.groupId)), held, now);
    return {
      groupId: group.groupId,
      state: group.state,
      members: group.members,
      lag: topics.reduce((sum, t) => sum + t.lag, 0),
      lagSeconds: lagSecondsMax,
      consumePerSecond: topics.reduce((sum, t) => sum + t.consumePerSecond, 0),
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

function worstPerTopic(topics: TopicLag[]) {
  return topics.map((t) => {
    const worst = worstOf(t.partitions);
    const affected = t.partitions.filter((p) => p.status === worst.status).length;
    const where = t.partitions.length > 1 ? ` (${affected} of ${t.partitions.length} partitions of ${t.topic})` : ` (${t.topic})`;
    return { status: worst.status, reason: worst.status === "OK" ? worst.reason : `${worst.reason}${where}` };
  });
}
