import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import { clusterId, DEFAULT_CLUSTER_ID } from "@/server/clusters/cluster-input";
import { AppError } from "@/server/errors";
import type { LagStatus } from "./burrow-status";
import type { DrainEstimate } from "./drain";
import type { TopicLag } from "./evaluate-snapshot";
import { inScope, lagScope } from "./lag-scope";
import { indexGroups, queryGroups, type GroupRow, type IndexedGroups } from "./group-query";

export type { GroupRow } from "./group-query";

/** A sample older than this means the sampler is not running (or cannot reach the broker). */
export const STALE_AFTER_MS = 30_000;

/** A Kafka cluster as the sampler last found it (see kafka_cluster_status). */
export type ClusterState = {
  cluster: string;
  state: "up" | "down";
  reason: string | null;
  since: string;
  sampledAt: string | null;
};

export const listGroupsQuery = z
  .object({
    q: z.string().trim().max(200).default(""),
    status: z.enum(["OK", "WARN", "REWIND", "STALL", "STOP", "ERR"]).optional(),
    cluster: clusterId.optional().describe("only this Kafka cluster's groups; default: every cluster's"),
    sort: z.enum(["lag", "lagSeconds", "status", "groupId"]).default("status"),
    order: z.enum(["asc", "desc"]).default("desc"),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type SamplerInfo = { sampledAt: string | null; durationMs: number | null; error: string | null; stale: boolean };

type StateRow = {
  cluster_id: string;
  group_id: string;
  state: string;
  members: number;
  lag: bigint;
  lag_seconds: number;
  consume_per_second: number;
  status: string;
  reason: string;
  drain: DrainEstimate | null;
  updated_at: Date;
  total: bigint;
};

export async function getSamplerInfo(now = Date.now()): Promise<SamplerInfo> {
  const rows = await getPrisma().$queryRaw<{ sampled_at: Date; duration_ms: number; last_error: string | null }[]>`
    SELECT sampled_at, duration_ms, last_error FROM lag_sampler_status WHERE id = 1`;
  const row = rows[0];
  if (!row) return { sampledAt: null, durationMs: null, error: null, stale: true };
  return {
    sampledAt: row.sampled_at.toISOString(),
    durationMs: row.duration_ms,
    error: row.last_error,
    stale: now - row.sampled_at.getTime() > STALE_AFTER_MS,
  };
}

function toRow(r: StateRow): GroupRow {
  return {
    cluster: r.cluster_id,
    groupId: r.group_id,
    state: r.state,
    members: r.members,
    lag: Number(r.lag),
    lagSeconds: r.lag_seconds,
    consumePerSecond: r.consume_per_second,
    drain: r.drain,
    status: r.status as LagStatus,
    reason: r.reason,
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * The latest sample of every group, indexed in memory: the list is read on every poll of every
 * open lag page, while it changes only when the sampler writes (every few seconds). The sampler's
 * status row is checked at most once a second; the groups are reloaded only when it moved on.
 */
type LagCache = {
  /** what the groups were loaded at: the default cluster's last sample and the latest of every cluster's */
  loadedFor: string;
  clusters: ClusterState[];
  sampledAt: string | null;
  durationMs: number | null;
  error: string | null;
  indexed: IndexedGroups;
  checkedAt: number;
};
let lagCache: LagCache | null = null;
let refreshing: Promise<LagCache> | null = null;
const CHECK_EVERY_MS = 1_000;

async function loadGroups(): Promise<IndexedGroups> {
  const rows = await getPrisma().$queryRaw<Omit<StateRow, "total">[]>`
    SELECT cluster_id, group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, drain, updated_at FROM lag_group_state`;
  return indexGroups(rows.map((r) => toRow({ ...r, total: 0n })));
}

/** Every cluster the sampler watches, as it last found it, the default one first. */
export async function listClusterStates(): Promise<ClusterState[]> {
  const rows = await getPrisma().$queryRaw<
    { cluster_id: string; state: string; reason: string | null; since: Date; sampled_at: Date | null }[]
  >`SELECT cluster_id, state, reason, since, sampled_at FROM kafka_cluster_status ORDER BY cluster_id <> 'default', cluster_id`;
  return rows.map((r) => ({
    cluster: r.cluster_id,
    state: r.state === "down" ? "down" : "up",
    reason: r.reason,
    since: r.since.toISOString(),
    sampledAt: r.sampled_at?.toISOString() ?? null,
  }));
}

async function currentLag(now: number): Promise<LagCache> {
  if (lagCache && now - lagCache.checkedAt < CHECK_EVERY_MS) return lagCache;
  refreshing ??= (async () => {
    const [info, clusters] = await Promise.all([getSamplerInfo(now), listClusterStates()]);
    // Any cluster's sample (or failure) changes what the list shows.
    const loadedFor = JSON.stringify([info.sampledAt, clusters]);
    const indexed = lagCache && lagCache.loadedFor === loadedFor ? lagCache.indexed : await loadGroups();
    lagCache = {
      loadedFor,
      clusters,
      sampledAt: info.sampledAt,
      durationMs: info.durationMs,
      error: info.error,
      indexed,
      checkedAt: now,
    };
    return lagCache;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Every consumer group the viewer may see, searched, sorted and paginated. */
export async function listConsumerGroups(viewer: Viewer, input: unknown) {
  assertAllowed(viewer, "lag.read");
  const query = listGroupsQuery.parse(input);
  const now = Date.now();
  const [scope, lag] = await Promise.all([lagScope(viewer), currentLag(now)]);
  const { groups, total } = queryGroups(lag.indexed, query, scope);
  const stale = !lag.sampledAt || now - Date.parse(lag.sampledAt) > STALE_AFTER_MS;
  const sampler: SamplerInfo = { sampledAt: lag.sampledAt, durationMs: lag.durationMs, error: lag.error, stale };
  return { groups, total, page: query.page, pageSize: query.pageSize, sampler, clusters: lag.clusters };
}

const historyRange = { "15m": 15, "1h": 60, "6h": 360, "24h": 1440, "7d": 10_080 } as const;
export const groupDetailQuery = z
  .object({
    range: z.enum(["15m", "1h", "6h", "24h", "7d"]).default("1h"),
    cluster: clusterId
      .optional()
      .describe(
        "the Kafka cluster the group is on, where one name is used on several; default: the default cluster's, else any",
      ),
  })
  .strict();

export type GroupHistoryPoint = {
  at: string;
  topic: string;
  lag: number;
  lagSeconds: number;
  endSum: number;
  committedSum: number;
};

/** One group's partitions now and its lag history over the range (raw samples, or rollups past 6 h). */
export async function getConsumerGroup(viewer: Viewer, groupId: string, input: unknown) {
  assertAllowed(viewer, "lag.read");
  const { range, cluster } = groupDetailQuery.parse(input);
  const scope = await lagScope(viewer);
  // Out of scope and missing look the same, so group names of other tenants do not leak.
  if (!inScope(scope, groupId)) throw new AppError("NOT_FOUND", `No consumer group ${groupId}`);
  const prisma = getPrisma();
  const states = await prisma.$queryRaw<(StateRow & { topics: TopicLag[] })[]>`
    SELECT cluster_id, group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, drain, updated_at, 1::bigint AS total, topics
    FROM lag_group_state WHERE group_id = ${groupId} AND (${cluster ?? null}::text IS NULL OR cluster_id = ${cluster ?? null}::text)
    ORDER BY cluster_id <> ${DEFAULT_CLUSTER_ID}, cluster_id LIMIT 1`;
  const state = states[0];
  if (!state) throw new AppError("NOT_FOUND", `No consumer group ${groupId}`);
  const minutes = historyRange[range];
  const history =
    minutes <= 360
      ? await prisma.$queryRaw<
          { at: Date; topic: string; lag: bigint; lag_seconds: number; end_sum: bigint; committed_sum: bigint }[]
        >`
          SELECT at, topic, lag, lag_seconds, end_sum, committed_sum FROM lag_group_samples
          WHERE cluster_id = ${state.cluster_id} AND group_id = ${groupId} AND at > now() - make_interval(mins => ${minutes}::int) ORDER BY at`
      : await prisma.$queryRaw<
          { at: Date; topic: string; lag: bigint; lag_seconds: number; end_sum: bigint; committed_sum: bigint }[]
        >`
          SELECT bucket AS at, topic, lag_max AS lag, lag_seconds_max AS lag_seconds, end_sum, committed_sum FROM lag_rollups
          WHERE cluster_id = ${state.cluster_id} AND group_id = ${groupId} AND bucket > now() - make_interval(mins => ${minutes}::int) ORDER BY bucket`;
  return {
    group: { ...toRow(state), topics: state.topics },
    history: history.map((h): GroupHistoryPoint => ({
      at: h.at.toISOString(),
      topic: h.topic,
      lag: Number(h.lag),
      lagSeconds: h.lag_seconds,
      endSum: Number(h.end_sum),
      committedSum: Number(h.committed_sum),
    })),
    sampler: await getSamplerInfo(),
  };
}
