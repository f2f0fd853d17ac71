/**
 * Topic and consumer-group names of one tenant's pipeline (DESIGN.md "The pipeline"). Everything a
 * tenant owns starts with `sync.<tenant>.`, so ACLs and lag views can select by prefix.
 */
import { assertTenantSlug, TENANT_SLUG_SOURCE } from "./tenant-slug";

export const STAGES = ["cdc-processor", "update-processor", "retry-processor"] as const;
export type Stage = (typeof STAGES)[number];

export const SOURCE_TABLES = ["members", "claims"] as const;
export type SourceTable = (typeof SOURCE_TABLES)[number];

const TIER_UNITS = [
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
] as const;

/** A retry delay as a topic-name tier: 1000 → `1s`, 60000 → `1m`, 600000 → `10m`, 250 → `250ms`. */
export function retryTierName(delayMs: number): string {
  if (!Number.isInteger(delayMs) || delayMs < 0)
    throw new Error(`a retry delay must be whole milliseconds ≥ 0 (got ${delayMs})`);
  const unit = TIER_UNITS.find(([, ms]) => delayMs > 0 && delayMs % ms === 0);
  return unit ? `${delayMs / unit[1]}${unit[0]}` : `${delayMs}ms`;
}

const TIER = /^(\d+)(ms|s|m|h)$/;

/** `10m` → 600000; undefined for anything that is not a tier name. */
export function parseRetryTier(tier: string): number | undefined {
  const match = TIER.exec(tier);
  if (!match) return undefined;
  const unitMs = match[2] === "ms" ? 1 : TIER_UNITS.find(([unit]) => unit === match[2])![1];
  return Number(match[1]) * unitMs;
}

const RETRY_TOPIC = new RegExp(`^sync\\.(${TENANT_SLUG_SOURCE})\\.retry(?:\\.(\\d+(?:ms|s|m|h)))?$`);

/**
 * What a topic name says about retry: `sync.<t>.retry.<tier>` holds every record for the tier's
 * delay (`delayMs`); the single `sync.<t>.retry` of earlier versions (`legacy`) mixed all delays.
 * Undefined for any other topic.
 */
export function retryTopicInfo(topic: string): { tenant: string; delayMs: number | null; legacy: boolean } | undefined {
  const match = RETRY_TOPIC.exec(topic);
  if (!match) return undefined;
  return match[2] === undefined
    ? { tenant: match[1]!, delayMs: null, legacy: true }
    : { tenant: match[1]!, delayMs: parseRetryTier(match[2])!, legacy: false };
}

export function tenantTopics(tenant: string) {
  const prefix = `sync.${assertTenantSlug(tenant)}`;
  const escaped = prefix.replaceAll(".", "\\.");
  return {
    prefix: `${prefix}.`,
    cdc: (table: SourceTable) => `${prefix}.cdc.${table}`,
    cdcPattern: new RegExp(`^${escaped}\\.cdc\\.[a-z_]+$`),
    updates: `${prefix}.updates`,
    /** the retry topic of one delay tier: every record in it waits the same `delayMs` */
    retryTier: (delayMs: number) => `${prefix}.retry.${retryTierName(delayMs)}`,
    /** the tier topics of a schedule's delays, shortest first, each once */
    retryTiers: (delaysMs: readonly number[]) =>
      [...new Set([...delaysMs].sort((a, b) => a - b))].map((ms) => `${prefix}.retry.${retryTierName(ms)}`),
    /** the single retry topic of earlier versions, consumed until it is empty (no longer written) */
    legacyRetry: `${prefix}.retry`,
    /** every retry topic of the tenant: the tiers and the legacy one */
    retryPattern: new RegExp(`^${escaped}\\.retry(?:\\.\\d+(?:ms|s|m|h))?$`),
    dlq: `${prefix}.dlq`,
  };
}

export function consumerGroup(tenant: string, stage: Stage): string {
  return `sync.${assertTenantSlug(tenant)}.${stage}`;
}
