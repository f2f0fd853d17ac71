import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import { DEFAULT_CLUSTER_ID } from "@/server/clusters/cluster-input";
import type { GroupLag } from "./evaluate-snapshot";

/**
 * Where the sampler keeps what it evaluated: the latest state per group (with its partitions, for
 * drill-down), raw per group-topic samples for a few hours (charts, throughput), and one-minute
 * rollups for weeks. Bulk writes are one statement per table per snapshot (unnest of arrays).
 * Every row belongs to one Kafka cluster: group and topic names are unique only within theirs.
 */
export const RAW_RETENTION_HOURS = 6;
export const ROLLUP_RETENTION_DAYS = 30;

export async function saveEvaluation(
  db: PrismaClient,
  atMs: number,
  groups: readonly GroupLag[],
  clusterId: string = DEFAULT_CLUSTER_ID,
): Promise<void> {
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
      INSERT INTO lag_group_samples (cluster_id, at, group_id, topic, lag, lag_seconds, end_sum, committed_sum, members, status)
      SELECT ${clusterId}, ${at}::timestamptz, * FROM unnest(
        ${rows.map((r) => r.groupId)}::text[], ${rows.map((r) => r.topic)}::text[], ${rows.map((r) => r.lag)}::bigint[],
        ${rows.map((r) => r.lagSeconds)}::float8[], ${rows.map((r) => r.endSum)}::bigint[], ${rows.map((r) => r.committedSum)}::bigint[],
        ${rows.map((r) => r.members)}::int[], ${rows.map((r) => r.status)}::text[])
      ON CONFLICT DO NOTHING`,
    db.$executeRaw`
      INSERT INTO lag_group_state (cluster_id, group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, topics, drain, updated_at)
      SELECT ${clusterId}, *, ${at}::timestamptz FROM unnest(
        ${groups.map((g) => g.groupId)}::text[], ${groups.map((g) => g.state)}::text[], ${groups.map((g) => g.members)}::int[],
        ${groups.map((g) => g.lag)}::bigint[], ${groups.map((g) => g.lagSeconds)}::float8[], ${groups.map((g) => g.consumePerSecond)}::float8[],
        ${groups.map((g) => g.status)}::text[], ${groups.map((g) => g.reason)}::text[], ${groups.map((g) => JSON.stringify(g.topics))}::jsonb[],
        ${groups.map((g) => (g.drain ? JSON.stringify(g.drain) : null))}::jsonb[])
      ON CONFLICT (cluster_id, group_id) DO UPDATE SET state = EXCLUDED.state, members = EXCLUDED.members, lag = EXCLUDED.lag,
        lag_seconds = EXCLUDED.lag_seconds, consume_per_second = EXCLUDED.consume_per_second, status = EXCLUDED.status,
        reason = EXCLUDED.reason, topics = EXCLUDED.topics, drain = EXCLUDED.drain, updated_at = EXCLUDED.updated_at`,
    // Groups that no longer exist are not "OK forever": their state row goes.
    db.$executeRaw`DELETE FROM lag_group_state WHERE cluster_id = ${clusterId} AND updated_at < ${at}::timestamptz`,
  ]);
}

/** Folds finished minutes into rollups and drops data past retention. Idempotent. */
export async function rollUpAndPrune(db: PrismaClient, nowMs: number): Promise<void> {
  const now = new Date(nowMs);
  await db.$executeRaw`
    INSERT INTO lag_rollups (cluster_id, bucket, group_id, topic, lag_max, lag_avg, lag_seconds_max, end_sum, committed_sum, samples)
    SELECT cluster_id, date_trunc('minute', at), group_id, topic, max(lag), avg(lag), max(lag_seconds), max(end_sum), max(committed_sum), count(*)
    FROM lag_group_samples
    WHERE at < date_trunc('minute', ${now}::timestamptz) AND at >= date_trunc('minute', ${now}::timestamptz) - interval '1 hour'
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (cluster_id, group_id, topic, bucket) DO NOTHING`;
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

export type ClusterSampleOutcome =
  | { ok: true; at: number; durationMs: number; groups: number; partitions: number }
  | { ok: false; at: number; durationMs: number; reason: string };

/**
 * A cluster's state after a sample: up with what it read, or down with why; `since` moves only
 * when the state changes. A cluster going down also turns its groups' status to ERR with the
 * reason, so every view of them (lists, flow, metrics) shows it until a sample succeeds again.
 */
export async function recordClusterSample(
  db: PrismaClient,
  clusterId: string,
  outcome: ClusterSampleOutcome,
): Promise<void> {
  const at = new Date(outcome.at);
  const state = outcome.ok ? "up" : "down";
  const reason = outcome.ok ? null : outcome.reason;
  const statements = [
    db.$executeRaw`
      INSERT INTO kafka_cluster_status (cluster_id, state, reason, since, sampled_at, attempted_at, duration_ms, groups, partitions)
      VALUES (${clusterId}, ${state}, ${reason}, ${at}::timestamptz, ${outcome.ok ? at : null}::timestamptz, ${at}::timestamptz,
        ${Math.round(outcome.durationMs)}::int, ${outcome.ok ? outcome.groups : 0}::int, ${outcome.ok ? outcome.partitions : 0}::int)
      ON CONFLICT (cluster_id) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason,
        since = CASE WHEN kafka_cluster_status.state = EXCLUDED.state THEN kafka_cluster_status.since ELSE EXCLUDED.since END,
        sampled_at = COALESCE(EXCLUDED.sampled_at, kafka_cluster_status.sampled_at), attempted_at = EXCLUDED.attempted_at,
        duration_ms = EXCLUDED.duration_ms,
        groups = CASE WHEN EXCLUDED.state = 'up' THEN EXCLUDED.groups ELSE kafka_cluster_status.groups END,
        partitions = CASE WHEN EXCLUDED.state = 'up' THEN EXCLUDED.partitions ELSE kafka_cluster_status.partitions END`,
  ];
  if (!outcome.ok)
    statements.push(db.$executeRaw`
      UPDATE lag_group_state SET status = 'ERR', reason = ${`cluster ${clusterId} is down: ${outcome.reason}`}
      WHERE cluster_id = ${clusterId}`);
  await db.$transaction(statements);
}

/** What the sampler keeps of a cluster that is no longer configured: nothing. */
export async function forgetCluster(db: PrismaClient, clusterId: string): Promise<void> {
  await db.$transaction([
    db.$executeRaw`DELETE FROM lag_group_state WHERE cluster_id = ${clusterId}`,
    db.$executeRaw`DELETE FROM kafka_cluster_status WHERE cluster_id = ${clusterId}`,
  ]);
}
