import "server-only";
import type { Admin } from "kafkajs";
import { retryRetriable } from "@/lib/kafka/client";
import { isUnknownTopic } from "@/lib/kafka/metadata-guard";
import { mapConcurrent } from "@/server/lib/map-concurrent";

/**
 * Offsets of the whole cluster, read as close together as the broker allows: what the lag sampler
 * stores and evaluates. Each read carries its own time, stamped at the edge of the read that cannot
 * overstate lag: an end offset at the moment its answer arrived (it was reached by then), committed
 * offsets at the moment their request left (the group had not committed more by then than it had
 * when the broker answered). Evaluation uses these times, not `atMs`, wherever they are given.
 */
export type OffsetSnapshot = {
  /** when the snapshot was complete: the time it is stored under */
  atMs: number;
  /** topic → partition → end offset (the next offset to be written) */
  endOffsets: Map<string, Map<number, number>>;
  /** topic → when its end offsets were read; absent: at `atMs` */
  endReadAtMs?: Map<string, number>;
  groups: GroupOffsets[];
  /** groups whose committed offsets were read a second time, after the end offsets (see below) */
  reread?: number;
};

export type GroupOffsets = {
  groupId: string;
  state: string;
  members: number;
  /** topic → partition → committed offset (only partitions the group committed) */
  committed: Map<string, Map<number, number>>;
  /** when the committed offsets were read; absent: at `atMs` */
  committedAtMs?: number;
};

export type SnapshotOptions = {
  /** requests in flight at once; kafkajs pipelines them over its broker connections */
  concurrency?: number;
  /** include internal groups and topics (names starting with `__` or `_confluent`) */
  includeInternal?: boolean;
  /**
   * Committed offsets read longer than this before the end offsets of their topics are read again
   * (default 1 s): see readOffsetSnapshot.
   */
  maxSkewMs?: number;
  now?: () => number;
};

const DESCRIBE_BATCH = 200;
const isInternal = (name: string) => name.startsWith("__") || name.startsWith("_confluent");

/**
 * Reads every consumer group's committed offsets and the end offsets of every topic they consume.
 * Requests are batched (describeGroups for many groups at once) and run concurrently; nothing is
 * fetched per partition.
 *
 * Lag is end − committed, and both move while they are read. Committed offsets are read first,
 * then end offsets: a group whose committed read went out more than `maxSkewMs` before the end
 * offsets of its topics arrived (a slow broker, a long snapshot) would show everything written in
 * between as lag — a spike that never was. Such groups are read again once the end offsets are
 * in, so their committed offsets are never older than the end offsets they are compared with:
 * the lag can then only be understated by what the group consumed during the read, never invented.
 */
export async function readOffsetSnapshot(admin: Admin, options: SnapshotOptions = {}): Promise<OffsetSnapshot> {
  const concurrency = options.concurrency ?? 32;
  const maxSkewMs = options.maxSkewMs ?? 1_000;
  const now = options.now ?? Date.now;
  const listed = await retryRetriable(() => admin.listGroups());
  const groupIds = listed.groups
    .filter((g) => g.protocolType === "consumer" || g.protocolType === "")
    .map((g) => g.groupId)
    .filter((id) => options.includeInternal || !isInternal(id));

  const batches: string[][] = [];
  for (let i = 0; i < groupIds.length; i += DESCRIBE_BATCH) batches.push(groupIds.slice(i, i + DESCRIBE_BATCH));
  const described = (await mapConcurrent(batches, 4, (ids) => retryRetriable(() => admin.describeGroups(ids)))).flatMap(
    (d) => d.groups,
  );
  const descriptionOf = new Map(described.map((g) => [g.groupId, g]));

  const readCommitted = async (groupId: string): Promise<GroupOffsets> => {
    const committedAtMs = now();
    const committed = await readGroupOffsets(admin, groupId, options.includeInternal ?? false);
    const description = descriptionOf.get(groupId);
    return {
      groupId,
      state: description?.state ?? "Unknown",
      members: description?.members.length ?? 0,
      committed,
      committedAtMs,
    };
  };
  const groups = await mapConcurrent(groupIds, concurrency, readCommitted);

  const topics = [...new Set(groups.flatMap((g) => [...g.committed.keys()]))];
  const endOffsets = new Map<string, Map<number, number>>();
  const endReadAtMs = new Map<string, number>();
  await mapConcurrent(topics, concurrency, async (topic) => {
    try {
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
      endReadAtMs.set(topic, now());
      endOffsets.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
    } catch (error) {
      // A group can keep offsets for a topic that was deleted since; that must not fail the snapshot.
      if (!isUnknownTopic(error)) throw error;
    }
  });

  const skewed = groups.flatMap((group, index) => {
    const lastEndRead = Math.max(...[...group.committed.keys()].map((topic) => endReadAtMs.get(topic) ?? -Infinity));
    return lastEndRead - group.committedAtMs! > maxSkewMs ? [index] : [];
  });
  await mapConcurrent(skewed, concurrency, async (index) => {
    groups[index] = await readCommitted(groups[index]!.groupId);
  });
  return { atMs: now(), endOffsets, endReadAtMs, groups, reread: skewed.length };
}

async function readGroupOffsets(
  admin: Admin,
  groupId: string,
  includeInternal: boolean,
): Promise<Map<string, Map<number, number>>> {
  const topics = await retryRetriable(() => admin.fetchOffsets({ groupId }));
  const committed = new Map<string, Map<number, number>>();
  for (const { topic, partitions } of topics) {
    if (!includeInternal && isInternal(topic)) continue;
    const byPartition = new Map<number, number>();
    for (const { partition, offset } of partitions) {
      const value = Number(offset);
      if (value >= 0) byPartition.set(partition, value); // -1: nothing committed for this partition
    }
    if (byPartition.size) committed.set(topic, byPartition);
  }
  return committed;
}

/** One topic's end offsets by partition; null when the topic does not exist (yet, or any more). */
export async function readTopicEndOffsets(admin: Admin, topic: string): Promise<Map<number, number> | null> {
  try {
    const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  } catch (error) {
    if (isUnknownTopic(error)) return null;
    throw error;
  }
}
