import type { Admin } from "kafkajs";
import { retryRetriable } from "@/server/kafka/client";
import { mapConcurrent } from "@/server/lib/map-concurrent";

/** Offsets of the whole cluster at one moment: what the lag sampler stores and evaluates. */
export type OffsetSnapshot = {
  atMs: number;
  /** topic → partition → end offset (the next offset to be written) */
  endOffsets: Map<string, Map<number, number>>;
  groups: GroupOffsets[];
};

export type GroupOffsets = {
  groupId: string;
  state: string;
  members: number;
  /** topic → partition → committed offset (only partitions the group committed) */
  committed: Map<string, Map<number, number>>;
};

export type SnapshotOptions = {
  /** requests in flight at once; kafkajs pipelines them over its broker connections */
  concurrency?: number;
  /** include internal groups and topics (names starting with `__` or `_confluent`) */
  includeInternal?: boolean;
  now?: () => number;
};

const DESCRIBE_BATCH = 200;
const isInternal = (name: string) => name.startsWith("__") || name.startsWith("_confluent");

/**
 * Reads every consumer group's committed offsets and the end offsets of every topic they consume.
 * Requests are batched (describeGroups for many groups at once) and run concurrently; nothing is
 * fetched per partition.
 */
export async function readOffsetSnapshot(admin: Admin, options: SnapshotOptions = {}): Promise<OffsetSnapshot> {
  const concurrency = options.concurrency ?? 32;
  const now = options.now ?? Date.now;
  const listed = await retryRetriable(() => admin.listGroups());
  const groupIds = listed.groups
    .filter((g) => g.protocolType === "consumer" || g.protocolType === "")
    .map((g) => g.groupId)
    .filter((id) => options.includeInternal || !isInternal(id));

  const batches: string[][] = [];
  for (let i = 0; i < groupIds.length; i += DESCRIBE_BATCH) batches.push(groupIds.slice(i, i + DESCRIBE_BATCH));
  const described = (await mapConcurrent(batches, 4, (ids) => retryRetriable(() => admin.describeGroups(ids)))).flatMap((d) => d.groups);
  const descriptionOf = new Map(described.map((g) => [g.groupId, g]));

  const groups = await mapConcurrent(groupIds, concurrency, async (groupId): Promise<GroupOffsets> => {
    const topics = await retryRetriable(() => admin.fetchOffsets({ groupId }));
    const committed = new Map<string, Map<number, number>>();
    for (const { topic, partitions } of topics) {
      if (!options.includeInternal && isInternal(topic)) continue;
      const byPartition = new Map<number, number>();
      for (const { partition, offset } of partitions) {
        const value = Number(offset);
        if (value >= 0) byPartition.set(partition, value); // -1: nothing committed for this partition
      }
      if (byPartition.size) committed.set(topic, byPartition);
    }
    const description = descriptionOf.get(groupId);
    return { groupId, state: description?.state ?? "Unknown", members: description?.members.length ?? 0, committed };
  });

  const topics = [...new Set(groups.flatMap((g) => [...g.committed.keys()]))];
  const endOffsets = new Map<string, Map<number, number>>();
  await mapConcurrent(topics, concurrency, async (topic) => {
    try {
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
      endOffsets.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
    } catch (error) {
      // A group can keep offsets for a topic that was deleted since; that must not fail the snapshot.
      if ((error as { type?: string }).type !== "UNKNOWN_TOPIC_OR_PARTITION") throw error;
    }
  });
  return { atMs: now(), endOffsets, groups };
}
