/**
 * Topic and consumer-group names of one tenant's pipeline (DESIGN.md "The pipeline"). Everything a
 * tenant owns starts with `sync.<tenant>.`, so ACLs and lag views can select by prefix.
 */
export const STAGES = ["cdc-processor", "update-processor", "retry-processor"] as const;
export type Stage = (typeof STAGES)[number];

export const SOURCE_TABLES = ["members", "claims"] as const;
export type SourceTable = (typeof SOURCE_TABLES)[number];

const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

export function assertTenantSlug(slug: string): string {
  if (!SLUG.test(slug)) {
    throw new Error(`tenant slug "${slug}" must be 3-40 lowercase letters, digits or dashes, starting with a letter`);
  }
  return slug;
}

export function tenantTopics(tenant: string) {
  const prefix = `sync.${assertTenantSlug(tenant)}`;
  return {
    prefix: `${prefix}.`,
    cdc: (table: SourceTable) => `${prefix}.cdc.${table}`,
    cdcPattern: new RegExp(`^${prefix.replaceAll(".", "\\.")}\\.cdc\\.[a-z_]+$`),
    updates: `${prefix}.updates`,
    retry: `${prefix}.retry`,
    dlq: `${prefix}.dlq`,
  };
}

export function consumerGroup(tenant: string, stage: Stage): string {
  return `sync.${assertTenantSlug(tenant)}.${stage}`;
}
