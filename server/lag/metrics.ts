import "server-only";
import { timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Registry } from "prom-client";
import { getPrisma } from "@/server/db/client";
import type { LagStatus } from "./burrow-status";
import type { TopicLag } from "./evaluate-snapshot";
import { lagRegistry, type MetricCluster, type MetricGroup } from "./prometheus";

/**
 * Scrapers authenticate with `Authorization: Bearer $SYNCDECK_METRICS_TOKEN`; without a configured
 * token the endpoint is off, since consumer group names and lag describe tenants' activity.
 */
export function metricsAuthorized(authorization: string | null, token = process.env.SYNCDECK_METRICS_TOKEN): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The console process' own metrics (CPU, memory, event loop, GC), registered once per process. */
const processRegistry = (): Registry => {
  const holder = globalThis as typeof globalThis & { syncdeckProcessMetrics?: Registry };
  if (!holder.syncdeckProcessMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "syncdeck_" });
    holder.syncdeckProcessMetrics = registry;
  }
  return holder.syncdeckProcessMetrics;
};

type StateRow = {
  cluster_id: string;
  group_id: string;
  status: string;
  members: number;
  lag: bigint;
  lag_seconds: number;
  consume_per_second: number;
  topics: Array<Partial<TopicLag> & Pick<TopicLag, "topic" | "lag" | "lagSeconds" | "consumePerSecond">>;
  updated_at: Date;
};

/**
 * Every cluster's groups, each series labelled with its cluster (a group of the same name on two
 * clusters is two series), and every cluster's state.
 */
export async function getMetricGroups(): Promise<{
  groups: MetricGroup[];
  lastSampleAtMs: number | null;
  clusters: MetricCluster[];
}> {
  const [rows, clusterRows] = await Promise.all([
    getPrisma().$queryRaw<StateRow[]>`
    SELECT cluster_id, group_id, status, members, lag, lag_seconds, consume_per_second, topics, updated_at FROM lag_group_state ORDER BY cluster_id <> 'default', cluster_id, group_id`,
    getPrisma().$queryRaw<Array<{ cluster_id: string; state: string }>>`
    SELECT cluster_id, state FROM kafka_cluster_status ORDER BY cluster_id`,
  ]);
  const groups = rows.map((r) => ({
    cluster: r.cluster_id,
    groupId: r.group_id,
    status: r.status as LagStatus,
    members: r.members,
    lag: Number(r.lag),
    lagSeconds: r.lag_seconds,
    consumePerSecond: r.consume_per_second,
    topics: r.topics.map((t) => ({
      topic: t.topic,
      lag: t.lag,
      lagSeconds: t.lagSeconds,
      consumePerSecond: t.consumePerSecond,
      // rows written before partitions were kept have none
      partitions: (t.partitions ?? []).map((p) => ({
        partition: p.partition,
        lag: p.lag,
        lagSeconds: p.lagSeconds,
        status: p.status,
      })),
    })),
  }));
  const lastSampleAtMs = rows.reduce<number | null>((latest, r) => Math.max(latest ?? 0, r.updated_at.getTime()), null);
  const clusters = clusterRows.map((c) => ({ cluster: c.cluster_id, up: c.state !== "down" }));
  return { groups, lastSampleAtMs, clusters };
}

/** The Prometheus exposition of GET /api/metrics: process metrics and the sampler's latest lag evaluation. */
export async function getPrometheusMetrics(): Promise<{ contentType: string; body: string }> {
  const { groups, lastSampleAtMs, clusters } = await getMetricGroups();
  const registry = Registry.merge([processRegistry(), lagRegistry(groups, lastSampleAtMs, clusters)]);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
