/**
 * Creates a tenant's pipeline topics if missing (idempotent; onboarding and the demo call it).
 * Partitions come from the tenant's expected volume; replication from KAFKA_REPLICATION_FACTOR
 * (default 1, the local single broker). Every topic of a tenant gets the same partition count so
 * a member id maps to the same partition number on each of them.
 */
import type { Admin } from "kafkajs";
import { z } from "zod";
import { retryRetriable } from "../../server/kafka/client";
import { parseRetrySchedule } from "./retry-schedule";
import { SOURCE_TABLES, tenantTopics } from "./topics";

/**
 * The tenant's pipeline topics: one retry topic per delay of the retry schedule (RETRY_DELAYS_MS
 * in `env`, which must match the processors' setting), so a record never waits behind a later one.
 */
export function tenantTopicNames(tenant: string, env: Record<string, string | undefined> = process.env): string[] {
  const topics = tenantTopics(tenant);
  const tiers = topics.retryTiers(parseRetrySchedule(env).delaysMs);
  return [...SOURCE_TABLES.map((table) => topics.cdc(table)), topics.updates, ...tiers, topics.dlq];
}

export function replicationFactorFromEnv(env: Record<string, string | undefined>): number {
  return z.coerce
    .number({ error: "KAFKA_REPLICATION_FACTOR must be a positive integer" })
    .int()
    .positive("KAFKA_REPLICATION_FACTOR must be a positive integer")
    .parse(env.KAFKA_REPLICATION_FACTOR || 1);
}

/** Returns the topics it created (empty when all existed). `retentionMs` sets retention.ms on the created ones. */
export async function ensureTenantTopics(
  admin: Admin,
  tenant: string,
  partitions: number,
  env: Record<string, string | undefined> = process.env,
  options: { retentionMs?: number } = {},
): Promise<string[]> {
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`partitions must be a positive integer (got ${partitions})`);
  const replicationFactor = replicationFactorFromEnv(env);
  const existing = new Set(await retryRetriable(() => admin.listTopics()));
  const missing = tenantTopicNames(tenant, env).filter((topic) => !existing.has(topic));
  if (missing.length === 0) return [];
  await retryRetriable(() =>
    admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: partitions,
        replicationFactor,
        configEntries: options.retentionMs ? [{ name: "retention.ms", value: String(options.retentionMs) }] : undefined,
      })),
    }),
  );
  return missing;
}
