/**
 * Creates a tenant's pipeline topics if missing (idempotent; onboarding and the demo call it).
 * Partitions come from the tenant's expected volume; replication from KAFKA_REPLICATION_FACTOR
 * (default 1, the local single broker). Every topic of a tenant gets the same partition count so
 * a member id maps to the same partition number on each of them.
 */
import type { Admin } from "kafkajs";
import { z } from "zod";
import { retryRetriable } from "./client";
import { parseRetrySchedule } from "@/lib/contract/retry-schedule";
import { SOURCE_TABLES, tenantTopics } from "@/lib/contract/topics";

/**
 * The tenant's pipeline topics: one retry topic per delay of the retry schedule (RETRY_DELAYS_MS
 * in `env`, which must match the processors' setting), so a record never waits behind a later one.
 */
export function tenantTopicNames(tenant: string, env: Record<string, string | undefined> = process.env): string[] {
  const topics = tenantTopics(tenant);
  const tiers = topics.retryTiers(parseRetrySchedule(env).delaysMs);
  return [...SOURCE_TABLES.map((table) => topics.cdc(table)), topics.updates, ...tiers, topics.dlq];
}

/** KAFKA_REPLICATION_FACTOR: replicas of each topic a tenant's provisioning creates. */
export const replicationFactorSchema = z.coerce
  .number({ error: "KAFKA_REPLICATION_FACTOR must be a positive integer" })
  .int("KAFKA_REPLICATION_FACTOR must be a positive integer")
  .positive("KAFKA_REPLICATION_FACTOR must be a positive integer");

export function replicationFactorFromEnv(env: Record<string, string | undefined>): number {
  return replicationFactorSchema.parse(env.KAFKA_REPLICATION_FACTOR || 1);
}

/** Returns the topics it created (empty when all existed). `retentionMs` sets retention.ms on the created ones. */
export async function ensureTenantTopics(
  admin: Admin,
  tenant: string,
  partitions: number,
  env: Record<string, string | undefined> = process.env,
  options: { retentionMs?: number } = {},
): Promise<string[]> {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`partitions must be a positive integer (got ${partitions})`);
  const replicationFactor = replicationFactorFromEnv(env);
  const existing = new Set(await retryRetriable(() => admin.listTopics()));
  const missing = tenantTopicNames(tenant, env).filter((topic) => !existing.has(topic));
  if (missing.length === 0) return [];
  await createTopicsLike(admin, missing, {
    partitions,
    replicationFactor,
    retentionMs: options.retentionMs ? String(options.retentionMs) : undefined,
  });
  return missing;
}

/** Creates `topics`, all with the same shape, and waits for their leaders. */
async function createTopicsLike(
  admin: Admin,
  topics: string[],
  shape: { partitions: number; replicationFactor: number; retentionMs?: string },
): Promise<void> {
  await retryRetriable(() =>
    admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: shape.partitions,
        replicationFactor: shape.replicationFactor,
        configEntries: shape.retentionMs ? [{ name: "retention.ms", value: shape.retentionMs }] : undefined,
      })),
    }),
  );
}

const TOPIC_RESOURCE = 2; // kafkajs ConfigResourceTypes.TOPIC

/**
 * Creates the retry tier topics of the schedule in `env` that are missing, shaped like the
 * tenant's updates topic (partition count, retention). The update- and retry-processors call it
 * when they start, so a tenant provisioned when there was one retry topic gets its tier topics on
 * upgrade. Returns the topics it created; two processors starting at once may both try, which is
 * harmless (an existing topic is left as it is).
 */
export async function ensureRetryTierTopics(
  admin: Admin,
  tenant: string,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const topics = tenantTopics(tenant);
  const existing = new Set(await retryRetriable(() => admin.listTopics()));
  const missing = topics.retryTiers(parseRetrySchedule(env).delaysMs).filter((topic) => !existing.has(topic));
  if (missing.length === 0) return [];
  if (!existing.has(topics.updates))
    throw new Error(`${topics.updates} does not exist: provision tenant ${tenant} first`);
  const [metadata, configs] = await Promise.all([
    retryRetriable(() => admin.fetchTopicMetadata({ topics: [topics.updates] })),
    retryRetriable(() =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: TOPIC_RESOURCE, name: topics.updates, configNames: ["retention.ms"] }],
      }),
    ),
  ]);
  const partitions = metadata.topics[0]!.partitions.length;
  const retention = configs.resources[0]?.configEntries.find(
    (entry) => entry.configName === "retention.ms",
  )?.configValue;
  await createTopicsLike(admin, missing, {
    partitions,
    replicationFactor: replicationFactorFromEnv(env),
    retentionMs: retention,
  });
  return missing;
}

/** A stage's `prepare`: the retry tier topics its schedule needs exist before it consumes or writes them. */
export async function createMissingRetryTiers(
  admin: Admin,
  ctx: { config: { tenant: string }; env: Record<string, string | undefined> },
): Promise<string | undefined> {
  const created = await ensureRetryTierTopics(admin, ctx.config.tenant, ctx.env);
  return created.length ? `created retry tier topics ${created.join(", ")}` : undefined;
}
