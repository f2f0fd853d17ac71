import "server-only";
import { timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Registry } from "prom-client";
import { getPrisma } from "@/server/db/client";
import type { LagStatus } from "./burrow-status";
import type { TopicLag } from "./evaluate-snapshot";
import { lagRegistry, type MetricGroup } from "./prometheus";

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
 * The default cluster's groups: tenants' pipelines run there until provisioning is per cluster, and
 * the series have no cluster label, so another cluster's group of the same name must not overwrite them.
 */
export async function getMetricGroups(): Promise<{ groups: MetricGroup[]; lastSampleAtMs: number | null }> {
  const rows = await getPrisma().$queryRaw<StateRow[]>`
    SELECT group_id, status, members, lag, lag_seconds, consume_per_second, topics, updated_at FROM lag_group_state WHERE cluster_id = 'default' ORDER BY group_id`;
  const groups = rows.map((r) => ({
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
  return { groups, lastSampleAtMs };
}

/** The Prometheus exposition of GET /api/metrics: process metrics and the sampler's latest lag evaluation. */
export async function getPrometheusMetrics(): Promise<{ contentType: string; body: string }> {
  const { groups, lastSampleAtMs } = await getMetricGroups();
  const registry = Registry.merge([processRegistry(), lagRegistry(groups, lastSampleAtMs)]);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
