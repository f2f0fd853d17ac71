import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import type { GroupLag } from "./evaluate-snapshot";

/**
 * Where the sampler keeps what it evaluated: the latest state per group (with its partitions, for
 * drill-down), raw per group-topic samples for a few hours (charts, throughput), and one-minute
 * rollups for weeks. Bulk writes are one statement per table per snapshot (unnest of arrays).
 */
export const RAW_RETENTION_HOURS = 6;
export const ROLLUP_RETENTION_DAYS = 30;

export async function saveEvaluation(db: PrismaClient, atMs: number, groups: readonly GroupLag[]): Promise<void> {
  const at = new Date(atMs);
  const rows = groups.flatMap((g) =>
    g.topics.map((t) => ({
      groupId: g.groupId,
      topic: t.topic,
      lag: t.lag,
      lagSeconds: t.lagSeconds,
      endSum: t.partitions.reduce((sum, p) => sum + p.end, 0),
      committedSum: t.partitions.reduce((sum, p) => sum + p.committed, 0),
      members: g.members,
      status: g.status,
    })),
  );
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO lag_group_samples (at, group_id, topic, lag, lag_seconds, end_sum, committed_sum, members, status)
      SELECT ${at}::timestamptz, * FROM unnest(
        ${rows.map((r) => r.groupId)}::text[], ${rows.map((r) => r.topic)}::text[], ${rows.map((r) => r.lag)}::bigint[],
        ${rows.map((r) => r.lagSeconds)}::float8[], ${rows.map((r) => r.endSum)}::bigint[], ${rows.map((r) => r.committedSum)}::bigint[],
        ${rows.map((r) => r.members)}::int[], ${rows.map((r) => r.status)}::text[])
      ON CONFLICT DO NOTHING`,
    db.$executeRaw`
      INSERT INTO lag_group_state (group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, topics, drain, updated_at)
      SELECT *, ${at}::timestamptz FROM unnest(
        ${groups.map((g) => g.groupId)}::text[], ${groups.map((g) => g.state)}::text[], ${groups.map((g) => g.members)}::int[],
        ${groups.map((g) => g.lag)}::bigint[], ${groups.map((g) => g.lagSeconds)}::float8[], ${groups.map((g) => g.consumePerSecond)}::float8[],
        ${groups.map((g) => g.status)}::text[], ${groups.map((g) => g.reason)}::text[], ${groups.map((g) => JSON.stringify(g.topics))}::jsonb[],
        ${groups.map((g) => (g.drain ? JSON.stringify(g.drain) : null))}::jsonb[])
      ON CONFLICT (group_id) DO UPDATE SET state = EXCLUDED.state, members = EXCLUDED.members, lag = EXCLUDED.lag,
        lag_seconds = EXCLUDED.lag_seconds, consume_per_second = EXCLUDED.consume_per_second, status = EXCLUDED.status,
        reason = EXCLUDED.reason, topics = EXCLUDED.topics, drain = EXCLUDED.drain, updated_at = EXCLUDED.updated_at`,
    // Groups that no longer exist are not "OK forever": their state row goes.
    db.$executeRaw`DELETE FROM lag_group_state WHERE updated_at < ${at}::timestamptz`,
  ]);
}

/** Folds finished minutes into rollups and drops data past retention. Idempotent. */
export async function rollUpAndPrune(db: PrismaClient, nowMs: number): Promise<void> {
  const now = new Date(nowMs);
  await db.$executeRaw`
    INSERT INTO lag_rollups (bucket, group_id, topic, lag_max, lag_avg, lag_seconds_max, end_sum, committed_sum, samples)
    SELECT date_trunc('minute', at), group_id, topic, max(lag), avg(lag), max(lag_seconds), max(end_sum), max(committed_sum), count(*)
    FROM lag_group_samples
    WHERE at < date_trunc('minute', ${now}::timestamptz) AND at >= date_trunc('minute', ${now}::timestamptz) - interval '1 hour'
    GROUP BY 1, 2, 3
    ON CONFLICT (group_id, topic, bucket) DO NOTHING`;
  await db.$executeRaw`DELETE FROM lag_group_samples WHERE at < ${now}::timestamptz - make_interval(hours => ${RAW_RETENTION_HOURS}::int)`;
  await db.$executeRaw`DELETE FROM lag_rollups WHERE bucket < ${now}::timestamptz - make_interval(days => ${ROLLUP_RETENTION_DAYS}::int)`;
}

/** The sampler's last run (one row, read with the lag): when, how long, how much, what failed. */
export async function recordSamplerRun(
  db: PrismaClient,
  run: { at: number; durationMs: number; groups: number; partitions: number; error: string | null },
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO lag_sampler_status (id, sampled_at, duration_ms, groups, partitions, last_error)
    VALUES (1, ${new Date(run.at)}::timestamptz, ${Math.round(run.durationMs)}::int, ${run.groups}::int, ${run.partitions}::int, ${run.error})
    ON CONFLICT (id) DO UPDATE SET sampled_at = EXCLUDED.sampled_at, duration_ms = EXCLUDED.duration_ms,
      groups = EXCLUDED.groups, partitions = EXCLUDED.partitions, last_error = EXCLUDED.last_error`;
}
