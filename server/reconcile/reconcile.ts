/**
 * Reconciliation of one tenant: its source database (tables of pipeline/shared/source-schema.sql)
 * against the target (target_members / target_claims, tombstones excluded). Reads ids and
 * versions from both sides with plain pg (one query per table and side) and compares them in
 * compare.ts. Run while changes flow, recent differences are in-flight changes, not losses:
 * compare twice, or quiesce the source first.
 */
import "server-only";
import pg from "pg";
import { sourceClient, type SourceTarget } from "@/lib/source-db/source-client";
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import { withConnection } from "@/lib/pg/with-connection";
import { compareEntities, type EntityReconciliation, type EntityVersion } from "./compare";

export interface TenantReconciliation {
  tenant: string;
  checkedAt: string;
  inSync: boolean;
  members: EntityReconciliation;
  claims: EntityReconciliation;
}

const SOURCE_QUERIES = {
  members: "SELECT member_id AS id, version::text AS version FROM members",
  claims: "SELECT claim_id AS id, version::text AS version FROM claims",
};
const TARGET_QUERIES = {
  members:
    "SELECT member_id AS id, source_version::text AS version FROM target_members WHERE tenant = $1 AND NOT deleted",
  claims: "SELECT claim_id AS id, source_version::text AS version FROM target_claims WHERE tenant = $1 AND NOT deleted",
};

/**
 * `sourceUrl` is a URL or, for a stored external source, the connection settings with its TLS rules
 * and secret (source-target.ts); the source connection refuses clear-text passwords either way.
 */
export async function reconcileTenant(opts: {
  tenant: string;
  sourceUrl: SourceTarget;
  targetUrl: string;
  limit?: number;
}): Promise<TenantReconciliation> {
  const tenant = assertTenantSlug(opts.tenant);
  // Both sides read in one repeatable-read snapshot each, so a table's ids and versions are consistent.
  const read = (client: pg.Client, queries: typeof SOURCE_QUERIES, params: unknown[]) =>
    withConnection(client, async (client) => {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const members = (await client.query<EntityVersion>(queries.members, params)).rows;
      const claims = (await client.query<EntityVersion>(queries.claims, params)).rows;
      await client.query("COMMIT");
      return { members, claims };
    });
  const [source, target] = await Promise.all([
    read(sourceClient(opts.sourceUrl), SOURCE_QUERIES, []),
    read(new pg.Client({ connectionString: opts.targetUrl }), TARGET_QUERIES, [tenant]),
  ]);
  const members = compareEntities(source.members, target.members, opts.limit);
  const claims = compareEntities(source.claims, target.claims, opts.limit);
  return { tenant, checkedAt: new Date().toISOString(), inSync: members.inSync && claims.inSync, members, claims };
}
