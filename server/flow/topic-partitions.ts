/**
 * Offsets and replica state of every partition of some topics, as the flow view shows them: low and
 * high watermark, leader, replicas and ISR. The fault tests read a cluster with a broker down through
 * the same code the console uses.
 */
import "server-only";
import type { Admin } from "kafkajs";
import { retryRetriable } from "@/lib/kafka/client";
import { partitionReplicas, type PartitionReplicas } from "./replication";

export type PartitionOffsets = { partition: number; low: number; high: number; replicas: PartitionReplicas | null };

export async function readTopicPartitions(
  admin: Admin,
  topics: string[],
): Promise<Array<{ topic: string; partitions: PartitionOffsets[] }>> {
  if (topics.length === 0) return [];
  const metadata = (await retryRetriable(() => admin.fetchTopicMetadata({ topics }))).topics;
  return Promise.all(
    topics.map(async (topic) => {
      const replicasOf = new Map(
        (metadata.find((m) => m.name === topic)?.partitions ?? []).map((p) => [p.partitionId, partitionReplicas(p)]),
      );
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
      return {
        topic,
        partitions: offsets.map((p) => ({
          partition: p.partition,
          low: Number(p.low),
          high: Number(p.high),
          replicas: replicasOf.get(p.partition) ?? null,
        })),
      };
    }),
  );
}
