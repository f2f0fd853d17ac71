/**
 * One keyset page of a tenant's indexed retry or dead-letter records, newest first. No permission
 * check here: callers (server/retries/dlq-read.ts) authorize first; the benchmark calls it directly.
 */
import { dlqPageSchema, pageToSql } from "./dlq-filter";
import { getDlqReadPool } from "./read-pool";

export type DlqListRow = {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  entity: string | null;
  stage: string | null;
  errorClass: string;
  fingerprint: string;
  errorMessage: string;
  attempt: number;
  dueAt: string | null;
  writtenAt: string;
  headerFormat: string;
  state: string;
  replayCount: number;
};

export const LIST_COLUMNS = `id::text, topic, partition, "offset"::text AS offset, key, entity, stage, error_class AS "errorClass",
  fingerprint, left(error_message, 300) AS "errorMessage", attempt, due_at AS "dueAt", written_at AS "writtenAt",
  header_format AS "headerFormat", state, replay_count AS "replayCount"`;

export type RawListRow = Omit<DlqListRow, "dueAt" | "writtenAt"> & { dueAt: Date | null; writtenAt: Date };

/** The list row's own fields, by name: a wider query row (the detail's) passes none of its other columns on. */
export function toListRow(r: RawListRow): DlqListRow {
  return {
    id: r.id,
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    key: r.key,
    entity: r.entity,
    stage: r.stage,
    errorClass: r.errorClass,
    fingerprint: r.fingerprint,
    errorMessage: r.errorMessage,
    attempt: r.attempt,
    dueAt: r.dueAt?.toISOString() ?? null,
    writtenAt: r.writtenAt.toISOString(),
    headerFormat: r.headerFormat,
    state: r.state,
    replayCount: r.replayCount,
  };
}

export async function listDlqPageForTenant(tenant: string, input: unknown) {
  const page = dlqPageSchema.parse(input);
  const query = pageToSql(tenant, page, LIST_COLUMNS);
  const pool = getDlqReadPool();
  let { rows } = await pool.query<RawListRow>(query.sql, query.params);
  if (query.fallback && rows.length <= page.limit)
    ({ rows } = await pool.query<RawListRow>(query.fallback.sql, query.fallback.params));
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map(toListRow);
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
