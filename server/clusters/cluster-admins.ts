/**
 * The console's admin client for a Kafka cluster by id: the process's shared one for the default
 * cluster, one per other cluster (created on first use, kept; cluster-clients.ts) for the pages
 * that read a tenant's topics on its own cluster.
 */
import "server-only";
import type { Admin } from "kafkajs";
import { getSharedAdmin } from "@/lib/kafka/client";
import { getPrisma } from "@/server/db/client";
import { clusterSecurity, DEFAULT_CLUSTER_ID } from "./cluster-input";
import { createClusterClients, type ClusterClients } from "./cluster-clients";

const holder = globalThis as typeof globalThis & { __syncdeckClusterAdmins?: ClusterClients };

export async function clusterAdmin(clusterId: string): Promise<Admin> {
  if (clusterId === DEFAULT_CLUSTER_ID) return getSharedAdmin();
  const row = await getPrisma().kafkaCluster.findUnique({ where: { id: clusterId } });
  if (!row || row.fromEnvironment) return getSharedAdmin();
  const security = clusterSecurity.safeParse(row.security);
  if (!security.success) throw new Error(`cluster ${clusterId}: its security settings are not valid`);
  holder.__syncdeckClusterAdmins ??= createClusterClients(process.env);
  return holder.__syncdeckClusterAdmins.admin({
    id: row.id,
    brokers: row.brokers,
    security: security.data,
    fromEnvironment: false,
  });
}
