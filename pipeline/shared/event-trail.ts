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
const storable = (text: string | null) =>
  text === null || !text.includes("\u0000") ? text : text.replaceAll("\u0000", "\uFFFD");

export async function appendTrail(
  db: Queryable,
  tenant: string,
  stage: string,
  rows: readonly TrailRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query({
    name: "syncdeck-append-trail",
    text: INSERT_TRAIL,
    values: [tenant, stage, ...trailColumns(rows)],
  });
}

/** The Postgres array types of trailColumns, in order (entity_ref … error). */
export const TRAIL_UNNEST_TYPES = [
  "text[]",
  "text[]",
  "text[]",
  "int[]",
  "bigint[]",
  "numeric[]",
  "float8[]", // source commit time as epoch ms: `sourceTs` turns it into a timestamptz
  "text[]",
  "text[]",
] as const;

/** SQL of a source commit time passed as epoch milliseconds (exact to the microsecond). */
export const sourceTs = (epochMs: string) => `to_timestamp(${epochMs} / 1000)`;

const INSERT_TRAIL = `INSERT INTO event_trail (tenant, stage, entity_ref, member_id, topic, "partition", "offset", source_lsn,
    source_ts, outcome, error)
  SELECT $1, $2, r.entity_ref, r.member_id, r.topic, r.partition, r.offset, r.source_lsn, ${sourceTs("r.source_ts_ms")},
    r.outcome, r.error
  FROM unnest(${TRAIL_UNNEST_TYPES.map((type, i) => `$${i + 3}::${type}`).join(", ")})
    AS r(entity_ref, member_id, topic, "partition", "offset", source_lsn, source_ts_ms, outcome, error)`;

/** Trail rows as the column arrays an `unnest` takes: entity_ref, member_id, topic, partition, offset, source_lsn, source_ts (epoch ms), outcome, error. */
export function trailColumns(rows: readonly TrailRow[]): unknown[][] {
  const columns = TRAIL_UNNEST_TYPES.map(() => new Array<unknown>(rows.length));
  const [entityRefs, memberIds, topics, partitions, offsets, lsns, times, outcomes, errors] = columns;
  rows.forEach((r, i) => {
    entityRefs![i] = storable(r.entityRef);
    memberIds![i] = storable(r.memberId);
    topics![i] = r.topic;
    partitions![i] = r.partition;
    offsets![i] = r.offset;
    lsns![i] = r.sourceLsn;
    times![i] = r.sourceTsMs;
    outcomes![i] = r.outcome;
    errors![i] = storable(r.error === null ? null : r.error.slice(0, MAX_ERROR));
  });
  return columns;
}

/** Creates upcoming day partitions and drops those past retention; returns how many were dropped. */
export async function maintainTrailPartitions(db: Queryable, retentionDays: number, daysAhead = 2): Promise<number> {
  const result = await db.query<{ dropped: number }>("SELECT event_trail_maintain($1, $2) AS dropped", [
    retentionDays,
    daysAhead,
  ]);
  return result.rows[0]?.dropped ?? 0;
}
