/**
 * A cluster record as the KAFKA_* settings lib/kafka/config.ts already validates, so a cluster
 * from the database is checked and connected exactly as the one the environment declares. The
 * secrets it names are read from `env` here, at connect time, and go nowhere else. Pure.
 */
import type { KafkaEnv } from "@/lib/kafka/config";
import { kafkaSecretVariable, type ClusterSecurity } from "./cluster-input";

export type ClusterConnection = { id: string; brokers: string[]; security: ClusterSecurity; fromEnvironment: boolean };

export class ClusterSecretMissing extends Error {}

export function clusterKafkaEnv(cluster: ClusterConnection, env: KafkaEnv): KafkaEnv {
  // The environment's own cluster keeps every KAFKA_* setting it was declared with.
  if (cluster.fromEnvironment) return env;
  const secret = (name: string) => {
    const variable = kafkaSecretVariable(name);
    const value = env[variable];
    if (value === undefined || value === "")
      throw new ClusterSecretMissing(
        `cluster ${cluster.id}: the platform has no secret ${variable}; set it where the console runs`,
      );
    return value;
  };
  const s = cluster.security;
  return {
    KAFKA_BROKERS: cluster.brokers.join(","),
    KAFKA_CLIENT_ID: env.KAFKA_CLIENT_ID,
    KAFKA_SSL: s.tls ? "true" : undefined,
    KAFKA_SSL_CA_FILE: s.caFile,
    KAFKA_SSL_CERT_FILE: s.certFile,
    KAFKA_SSL_KEY_FILE: s.keyFile,
    KAFKA_SSL_KEY_PASSWORD: s.keyPasswordSecret ? secret(s.keyPasswordSecret) : undefined,
    KAFKA_SASL_MECHANISM: s.sasl?.mechanism,
    KAFKA_SASL_USERNAME: s.sasl?.username,
    KAFKA_SASL_PASSWORD: s.sasl ? secret(s.sasl.passwordSecret) : undefined,
  };
}
