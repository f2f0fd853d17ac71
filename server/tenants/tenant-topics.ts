/** Every topic a tenant owns (its pipeline topics and the connector's heartbeat topic), and their retention. */
import "server-only";
import type { Admin } from "kafkajs";
import { tenantTopicNames } from "@/lib/kafka/ensure-topics";
import { tenantTopics } from "@/lib/contract/topics";
import { heartbeatTopic } from "@/lib/connect/connector-config";
import { retryRetriable } from "@/lib/kafka/client";

const HOUR_MS = 3_600_000;
const TOPIC = 2; // kafkajs ConfigResourceTypes.TOPIC

export function allTenantTopics(slug: string): string[] {
  return [...tenantTopicNames(slug), heartbeatTopic(slug)];
}

/**
 * Topics earlier versions made that nothing writes any more (the single retry topic, replaced by
 * one topic per delay tier): offboarding deletes them when they are still there.
 */
export function retiredTenantTopics(slug: string): string[] {
  return [tenantTopics(slug).legacyRetry];
}

export const retentionMs = (hours: number) => hours * HOUR_MS;

/** Sets retention.ms on every topic of the tenant (idempotent). */
export async function setTenantRetention(admin: Admin, slug: string, hours: number): Promise<void> {
  const value = String(retentionMs(hours));
  await retryRetriable(() =>
    admin.alterConfigs({
      validateOnly: false,
      resources: allTenantTopics(slug).map((name) => ({
        type: TOPIC,
        name,
        configEntries: [{ name: "retention.ms", value }],
      })),
    }),
  );
}
