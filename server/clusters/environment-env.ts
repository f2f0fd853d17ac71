/**
 * The settings a tenant's pipeline is provisioned with: those of its environment's Kafka cluster.
 * An environment with no cluster (or the one KAFKA_BROKERS declares) uses the process's own
 * KAFKA_* and KAFKA_CONNECT_* settings; another cluster's record replaces them — brokers and
 * security (cluster-kafka-env.ts) and its Connect URL and credentials — so the topics, the
 * connector and the consumer groups are made on that cluster by the same code.
 */
import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import { clusterSecurity } from "./cluster-input";
import { clusterKafkaEnv } from "./cluster-kafka-env";
import { kafkaSecretVariable } from "./cluster-input";

export type ProvisioningEnv = {
  cluster: string;
  env: Record<string, string | undefined>;
  /** why the cluster's Kafka Connect cannot be used (no URL, a missing secret); null when it can */
  connectProblem: string | null;
};

export async function environmentEnv(
  db: Pick<PrismaClient, "environment">,
  environmentId: string | null,
  env: Record<string, string | undefined>,
): Promise<ProvisioningEnv> {
  const environment = environmentId
    ? await db.environment.findUnique({ where: { id: environmentId }, include: { kafkaCluster: true } })
    : null;
  const cluster = environment?.kafkaCluster;
  if (!cluster || cluster.fromEnvironment) return { cluster: cluster?.id ?? "default", env, connectProblem: null };
  const security = clusterSecurity.safeParse(cluster.security);
  if (!security.success) throw new Error(`cluster ${cluster.id}: its security settings are not valid`);
  const connectPassword = cluster.connectPasswordSecret
    ? env[kafkaSecretVariable(cluster.connectPasswordSecret)]
    : undefined;
  const connectProblem = !cluster.connectUrl
    ? `cluster ${cluster.id} has no Kafka Connect URL: set one (Admin → Kafka clusters) for the tenants of ${environmentId}`
    : cluster.connectPasswordSecret && !connectPassword
      ? `cluster ${cluster.id}: the platform has no secret ${kafkaSecretVariable(cluster.connectPasswordSecret)}; set it where the console and workers run`
      : null;
  return {
    cluster: cluster.id,
    connectProblem,
    env: {
      ...env,
      ...clusterKafkaEnv(
        { id: cluster.id, brokers: cluster.brokers, security: security.data, fromEnvironment: false },
        env,
      ),
      KAFKA_CONNECT_URL: cluster.connectUrl ?? undefined,
      KAFKA_CONNECT_USERNAME: cluster.connectUsername ?? undefined,
      KAFKA_CONNECT_PASSWORD: connectPassword,
    },
  };
}
