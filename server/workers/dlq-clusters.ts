/**
 * The DLQ indexer and the replay worker per Kafka cluster: a tenant's retry and dead-letter topics
 * are on its environment's cluster, so each watched cluster (cluster-clients.ts listWatchedClusters)
 * gets an indexer consuming its queue topics and a replay worker that takes only the replay jobs of
 * tenants on that cluster and produces there. The list is read again every `checkMs`: a cluster
 * added gets its pair, a changed one (brokers, security) a fresh pair, a removed one has its pair
 * stopped. A cluster whose secret is missing is skipped with the reason in the log, the others run.
 */
import "server-only";
import type { Kafka } from "kafkajs";
import { listWatchedClusters } from "@/server/clusters/cluster-clients";
import { clusterKafkaEnv, type ClusterConnection } from "@/server/clusters/cluster-kafka-env";
import type { PrismaClient } from "@/server/db/generated/client";
import { startDlqIndexer } from "./dlq-indexer.worker";
import { startReplayWorker } from "./dlq-replay.worker";

export type DlqClustersDeps = {
  db: PrismaClient;
  env: Record<string, string | undefined>;
  databaseUrl: string;
  createKafka: (env: Record<string, string | undefined>) => Kafka;
  checkMs?: number;
  /** the indexers' consumer group on each cluster (default: the indexer's own) */
  groupId?: string;
  log: (line: string, level?: "info" | "warn") => void;
};

type Held = { fingerprint: string; stop: () => Promise<void> };

export function startDlqPerCluster(deps: DlqClustersDeps): { stop(): Promise<void>; synced(): Promise<void> } {
  const running = new Map<string, Held>();
  let stopped = false;

  function start(cluster: ClusterConnection): Held | null {
    let kafkaEnv: Record<string, string | undefined>;
    try {
      kafkaEnv = clusterKafkaEnv(cluster, deps.env);
    } catch (error) {
      deps.log(`dlq: cluster ${cluster.id} skipped: ${error instanceof Error ? error.message : String(error)}`, "warn");
      return null;
    }
    const kafka = deps.createKafka(kafkaEnv);
    const log = (line: string, level?: "info" | "warn") => deps.log(`[${cluster.id}] ${line}`, level);
    const indexer = startDlqIndexer({ kafka, databaseUrl: deps.databaseUrl, groupId: deps.groupId, log });
    const replay = startReplayWorker({ kafka, databaseUrl: deps.databaseUrl, cluster: cluster.id });
    return {
      fingerprint: JSON.stringify([cluster.brokers, cluster.security, cluster.fromEnvironment]),
      stop: async () => void (await Promise.all([indexer.stop(), replay.stop()])),
    };
  }

  async function sync(): Promise<void> {
    if (stopped) return;
    const clusters = await listWatchedClusters(deps.db);
    for (const cluster of clusters) {
      const fingerprint = JSON.stringify([cluster.brokers, cluster.security, cluster.fromEnvironment]);
      const held = running.get(cluster.id);
      if (held?.fingerprint === fingerprint) continue;
      if (held) await held.stop();
      running.delete(cluster.id);
      const started = start(cluster);
      if (started) running.set(cluster.id, started);
    }
    for (const [id, held] of running)
      if (!clusters.some((c) => c.id === id)) {
        await held.stop();
        running.delete(id);
      }
  }

  let chain = sync().catch((error: unknown) => deps.log(`dlq: listing the clusters failed: ${String(error)}`, "warn"));
  const timer = setInterval(() => {
    chain = chain
      .then(sync)
      .catch((error: unknown) => deps.log(`dlq: listing the clusters failed: ${String(error)}`, "warn"));
  }, deps.checkMs ?? 30_000);
  timer.unref();
  return {
    synced: () => chain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await chain;
      await Promise.all([...running.values()].map((held) => held.stop()));
      running.clear();
    },
  };
}
