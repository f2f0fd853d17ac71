/**
 * One kafkajs admin client per Kafka cluster, built from the cluster's record and the secrets it
 * names, created on first use and kept (kafkajs multiplexes requests over its broker
 * connections). A changed record (new brokers, other security) gets a new client; a failed
 * connect is not kept, so the next use tries again once the cluster is back.
 */
import "server-only";
import type { Admin, KafkaConfig } from "kafkajs";
import { createKafka } from "@/lib/kafka/client";
import type { KafkaEnv } from "@/lib/kafka/config";
import { guardAdmin } from "@/lib/kafka/metadata-guard";
import type { PrismaClient } from "@/server/db/generated/client";
import { clusterSecurity, DEFAULT_CLUSTER_ID } from "./cluster-input";
import { clusterKafkaEnv, type ClusterConnection } from "./cluster-kafka-env";

export type ClusterClients = {
  admin(cluster: ClusterConnection): Promise<Admin>;
  /** forgets the cluster's client at once and disconnects it (after a failure, or when the cluster is gone) */
  drop(clusterId: string): Promise<void>;
  disconnectAll(): Promise<void>;
};

/**
 * `overrides`: the caller's timeouts and retries. The lag sampler wants a cluster that is gone to
 * fail fast rather than be retried for half a minute, so it passes short ones.
 */
export function createClusterClients(env: KafkaEnv, overrides: Partial<KafkaConfig> = {}): ClusterClients {
  const clients = new Map<string, { fingerprint: string; admin: Promise<Admin> }>();

  /** Forgets the client at once; it is disconnected once its connect settles (which, to a silent host, takes its timeouts). */
  function drop(clusterId: string): Promise<void> {
    const held = clients.get(clusterId);
    clients.delete(clusterId);
    return (async () => {
      const admin = await held?.admin.catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
    })();
  }

  return {
    async admin(cluster) {
      const fingerprint = JSON.stringify([cluster.brokers, cluster.security, cluster.fromEnvironment]);
      const held = clients.get(cluster.id);
      if (held && held.fingerprint === fingerprint) return held.admin;
      if (held) await drop(cluster.id);
      const admin = (async () => {
        const client = guardAdmin(() => createKafka(clusterKafkaEnv(cluster, env), overrides).admin());
        await client.connect();
        return client;
      })();
      const entry = { fingerprint, admin };
      clients.set(cluster.id, entry);
      admin.catch(() => {
        if (clients.get(cluster.id) === entry) clients.delete(cluster.id);
      });
      return admin;
    },
    drop,
    async disconnectAll() {
      await Promise.all([...clients.keys()].map(drop));
    },
  };
}

/**
 * Every cluster to watch: the default one from the process's own KAFKA_* variables (whether or
 * not its record was written yet), then the ones added as data.
 */
export async function listWatchedClusters(db: PrismaClient): Promise<ClusterConnection[]> {
  const rows = await db.kafkaCluster.findMany({ where: { fromEnvironment: false }, orderBy: { id: "asc" } });
  return [
    { id: DEFAULT_CLUSTER_ID, brokers: [], security: { tls: false }, fromEnvironment: true },
    ...rows.map((row) => {
      const security = clusterSecurity.safeParse(row.security);
      return {
        id: row.id,
        brokers: row.brokers,
        security: security.success ? security.data : { tls: false },
        fromEnvironment: false,
      };
    }),
  ];
}
