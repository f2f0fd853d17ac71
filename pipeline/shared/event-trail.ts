/**
 * Appends to the event trail (see the add_pipeline_target migration): one multi-row INSERT per
 * call, columns passed as arrays so the statement text never changes (one plan, any batch size).
 */
import type pg from "pg";

export const TRAIL_OUTCOMES = ["applied", "skipped_stale", "produced", "retried", "dead_lettered", "failed"] as const;
export type TrailOutcome = (typeof TRAIL_OUTCOMES)[number];

export interface TrailRow {
  entityRef: string;
  memberId: string | null;
  topic: string;
  partition: number;
  offset: string;
  sourceLsn: string | null;
  /** source commit time, epoch ms */
  sourceTsMs: number | null;
  outcome: TrailOutcome;
  error: string | null;
}

type Queryable = Pick<pg.PoolClient, "query">;

const MAX_ERROR = 2_000;

/**
 * Postgres text cannot hold U+0000, and a poison message's id or error text may carry one; the
 * trail row of a rejected message must still be written (or the batch could never commit).
 */
const storable = (text: string | null) => (text === null ? null : text.replaceAll("\u0000", "\uFFFD"));

export async function appendTrail(
  db: Queryable,
  tenant: string,
  stage: string,
  rows: readonly TrailRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query({ name: "syncdeck-append-trail", text: INSERT_TRAIL, values: [tenant, stage, ...trailColumns(rows)] });
}

/** The Postgres array types of trailColumns, in order (entity_ref … error). */
export const TRAIL_UNNEST_TYPES = [
  "text[]",
  "text[]",
  "text[]",
  "int[]",
  "bigint[]",
  "numeric[]",
  "timestamptz[]",
  "text[]",
  "text[]",
] as const;

const INSERT_TRAIL = `INSERT INTO event_trail (tenant, stage, entity_ref, member_id, topic, "partition", "offset", source_lsn,
    source_ts, outcome, error)
  SELECT $1, $2, r.* FROM unnest(${TRAIL_UNNEST_TYPES.map((type, i) => `$${i + 3}::${type}`).join(", ")}) AS r`;

/** Trail rows as the column arrays an `unnest` takes: entity_ref, member_id, topic, partition, offset, source_lsn, source_ts, outcome, error. */
export function trailColumns(rows: readonly TrailRow[]): unknown[][] {
  return [
    rows.map((r) => storable(r.entityRef)),
    rows.map((r) => storable(r.memberId)),
    rows.map((r) => r.topic),
    rows.map((r) => r.partition),
    rows.map((r) => r.offset),
    rows.map((r) => r.sourceLsn),
    rows.map((r) => (r.sourceTsMs === null ? null : new Date(r.sourceTsMs).toISOString())),
    rows.map((r) => r.outcome),
    rows.map((r) => storable(r.error === null ? null : r.error.slice(0, MAX_ERROR))),
  ];
}

/** Creates upcoming day partitions and drops those past retention; returns how many were dropped. */
export async function maintainTrailPartitions(db: Queryable, retentionDays: number, daysAhead = 2): Promise<number> {
  const result = await db.query<{ dropped: number }>("SELECT event_trail_maintain($1, $2) AS dropped", [
    retentionDays,
    daysAhead,
  ]);
  return result.rows[0]?.dropped ?? 0;
}
