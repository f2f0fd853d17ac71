/**
 * The SQL of a chunked reconciliation, per side and entity. Ids are compared and ordered with
 * COLLATE "C" (bytes) on both sides, so a range holds the same ids whatever either database's
 * collation; on a C-collated database (the local stack's) the primary key serves the ranges.
 */
import "server-only";
import type pg from "pg";
import type { Chunk, ChunkDigest } from "./chunks";
import type { EntityVersion } from "./compare";

export const ENTITIES = ["members", "claims"] as const;
export type Entity = (typeof ENTITIES)[number];

export type Side = "source" | "target";

/** id, version and the owning member of each live row of one side; `$1` is the tenant on the target. */
const ROWS: Record<Side, Record<Entity, string>> = {
  source: {
    members: "SELECT member_id AS id, version::text AS version, member_id AS member FROM members",
    claims: "SELECT claim_id AS id, version::text AS version, member_id AS member FROM claims",
  },
  target: {
    members:
      "SELECT member_id AS id, source_version::text AS version, member_id AS member FROM target_members WHERE tenant = $1 AND NOT deleted",
    claims:
      "SELECT claim_id AS id, source_version::text AS version, member_id AS member FROM target_claims WHERE tenant = $1 AND NOT deleted",
  },
};

export type SideReader = { side: Side; client: Pick<pg.ClientBase, "query">; tenant: string };

const baseParams = (r: SideReader): unknown[] => (r.side === "target" ? [r.tenant] : []);

/** Every `chunkSize`-th source id in byte order: the upper bounds of all ranges but the last. */
export async function chunkBoundaries(r: SideReader, entity: Entity, chunkSize: number): Promise<string[]> {
  const params = baseParams(r);
  const { rows } = await r.client.query<{ id: string }>(
    `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id COLLATE "C") AS n FROM (${ROWS[r.side][entity]}) rows) numbered
     WHERE n % $${params.length + 1} = 0 ORDER BY id COLLATE "C"`,
    [...params, chunkSize],
  );
  return rows.map((row) => row.id);
}

function rangeSql(r: SideReader, entity: Entity, chunk: Chunk): { sql: string; params: unknown[] } {
  const params = [...baseParams(r), chunk.after, chunk.upTo];
  const a = params.length - 1;
  const b = params.length;
  return {
    sql: `SELECT * FROM (${ROWS[r.side][entity]}) rows
          WHERE ($${a}::text IS NULL OR id COLLATE "C" > $${a}::text) AND ($${b}::text IS NULL OR id COLLATE "C" <= $${b}::text)`,
    params,
  };
}

/** Row count and md5 over the range's "id NUL version" lines in byte order. */
export async function chunkDigest(r: SideReader, entity: Entity, chunk: Chunk): Promise<ChunkDigest> {
  const { sql, params } = rangeSql(r, entity, chunk);
  const { rows } = await r.client.query<{ count: number; digest: string }>(
    `SELECT count(*)::int AS count, coalesce(md5(string_agg(id || chr(1) || version, chr(10) ORDER BY id COLLATE "C")), '') AS digest FROM (${sql}) r`,
    params,
  );
  return rows[0]!;
}

export type RowOfEntity = EntityVersion & { member: string };

/** The range's rows, to compare one by one (only for a range whose digests differ). */
export async function chunkRows(r: SideReader, entity: Entity, chunk: Chunk): Promise<RowOfEntity[]> {
  const { sql, params } = rangeSql(r, entity, chunk);
  return (await r.client.query<RowOfEntity>(sql, params)).rows;
}
