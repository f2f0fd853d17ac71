/**
 * Writes parsed retry/DLQ records into dlq_messages: one multi-row insert per batch (unnest of
 * column arrays). ON CONFLICT on (topic, partition, offset) makes indexing idempotent, so a
 * consumer that reads a batch twice (rebalance, restart before commit) changes nothing.
 */
import "server-only";
import type pg from "pg";
import type { IndexedRecord } from "./parse-record";

const INSERT = `
  INSERT INTO dlq_messages (tenant, kind, topic, partition, "offset", key, entity, stage, error_class, fingerprint,
    error_message, search_text, attempt, original_topic, original_partition, original_offset, first_failed_at, due_at,
    written_at, header_format, headers, payload, source_lsn)
  SELECT u.tenant, u.kind, u.topic, u.partition, u.off, u.key, u.entity, u.stage, u.error_class, u.fingerprint,
    u.error_message, to_tsvector('simple', u.error_class || ' ' || left(u.error_message, 4000)), u.attempt,
    u.original_topic, u.original_partition, u.original_offset, u.first_failed_at, u.due_at, u.written_at,
    u.header_format, u.headers::jsonb, u.payload, u.source_lsn
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::int[], $13::text[], $14::int[], $15::bigint[], $16::timestamptz[], $17::timestamptz[],
    $18::timestamptz[], $19::text[], $20::text[], $21::bytea[], $22::numeric[])
    AS u(tenant, kind, topic, partition, off, key, entity, stage, error_class, fingerprint, error_message, attempt,
      original_topic, original_partition, original_offset, first_failed_at, due_at, written_at, header_format, headers,
      payload, source_lsn)
  ON CONFLICT (topic, partition, "offset") DO NOTHING`;

type Queryable = Pick<pg.Pool | pg.PoolClient | pg.Client, "query">;

/** Inserts the records; returns how many were new. */
export async function storeIndexedRecords(db: Queryable, records: readonly IndexedRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const col = <T>(pick: (r: IndexedRecord) => T) => records.map(pick);
  const result = await db.query(INSERT, [
    col((r) => r.tenant),
    col((r) => r.kind),
    col((r) => r.topic),
    col((r) => r.partition),
    col((r) => r.offset),
    col((r) => r.key),
    col((r) => r.entity),
    col((r) => r.stage),
    col((r) => r.errorClass),
    col((r) => r.fingerprint),
    col((r) => r.errorMessage.replaceAll("\0", "")),
    col((r) => r.attempt),
    col((r) => r.originalTopic),
    col((r) => r.originalPartition),
    col((r) => r.originalOffset),
    col((r) => r.firstFailedAt),
    col((r) => r.dueAt),
    col((r) => r.writtenAt),
    col((r) => r.headerFormat),
    col((r) => JSON.stringify(r.headers).replaceAll("\\u0000", "")),
    col((r) => r.payload),
    col((r) => r.sourceLsn),
  ]);
  return result.rowCount ?? 0;
}
