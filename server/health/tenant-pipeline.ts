import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { getPrisma } from "@/server/db/client";
import { getSharedAdmin, retryRetriable } from "@/lib/kafka/client";
import { getStageStatuses, type StageStatus } from "@/server/lag/stage-status";
import { rateSeries, recentRate } from "@/server/lag/throughput";
import { consumerGroup, tenantTopics, type Stage } from "@/lib/contract/topics";
import { retryDepth, type RetryDepth } from "./retry-depth";

export const pipelineQuery = z.object({ range: z.enum(["15m", "1h", "6h"]).default("15m") }).strict();
const MINUTES = { "15m": 15, "1h": 60, "6h": 360 } as const;

/** A processor instance counts as alive while its heartbeat is younger than this. */
export const HEARTBEAT_FRESH_MS = 20_000;

export type StageDetail = StageStatus & {
  instances: { alive: number; total: number; lastError: string | null };
  inPerSecond: number;
  outPerSecond: number;
  series: Array<{ at: string; inPerSecond: number; outPerSecond: number }>;
};

export type TenantPipeline = {
  tenant: { id: string; slug: string; name: string; status: string; lagSloSeconds: number };
  stages: StageDetail[];
  /**
   * `retry`: records waiting for the retry-processor across every retry tier topic;
   * `retryLostToRetention`: records deleted by retention before they were retried (null: unknown).
   */
  depth: { retry: number | null; retryLostToRetention: number | null; dlq: number | null };
  warnings: string[];
  latency: { p50: number | null; p95: number | null; p99: number | null; samples: number };
  sampler: Awaited<ReturnType<typeof getStageStatuses>>["sampler"];
};

async function topicDepth(topic: string): Promise<number | null> {
  try {
    const admin = await getSharedAdmin();
    const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
    return offsets.reduce((sum, o) => sum + Math.max(0, Number(o.high) - Number(o.low)), 0);
  } catch {
    return null; // broker down or topic missing: shown as unknown, not as zero
  }
}

/** Waiting = end − the retry-processor's committed offset, summed over the tenant's retry topics. */
async function retryTopicsDepth(slug: string): Promise<RetryDepth | null> {
  try {
    const admin = await getSharedAdmin();
    const pattern = tenantTopics(slug).retryPattern;
    const topics = (await retryRetriable(() => admin.listTopics())).filter((t) => pattern.test(t));
    if (topics.length === 0) return retryDepth([]);
    const [ends, committed] = await Promise.all([
      Promise.all(
        topics.map(async (topic) => ({
          topic,
          partitions: await retryRetriable(() => admin.fetchTopicOffsets(topic)),
        })),
      ),
      retryRetriable(() => admin.fetchOffsets({ groupId: consumerGroup(slug, "retry-processor"), topics })),
    ]);
    const position = new Map(
      committed.flatMap((t) => t.partitions.map((p) => [`${t.topic}:${p.partition}`, Number(p.offset)] as const)),
    );
    return retryDepth(
      ends.flatMap(({ topic, partitions }) =>
        partitions.map((p) => {
          const at = position.get(`${topic}:${p.partition}`);
          return {
            topic,
            partition: p.partition,
            low: Number(p.low),
            high: Number(p.high),
            committed: at === undefined || at < 0 ? null : at,
          };
        }),
      ),
    );
  } catch {
    return null; // broker down: shown as unknown, not as zero
  }
}

function retryWarnings(depth: RetryDepth | null): string[] {
  if (!depth || depth.lostToRetention === 0) return [];
  return [
    `${depth.lostToRetention} retry records were deleted by retention before the retry-processor read them (${depth.lostIn.join(", ")}); those changes were never retried — re-sync the affected entities`,
  ];
}

/** Source-commit-to-target-apply latency over the last five minutes, from the update-processor's trail. */
async function latencySeconds(slug: string) {
  const rows = await getPrisma().$queryRaw<
    { p50: number | null; p95: number | null; p99: number | null; samples: bigint }[]
  >`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - source_ts)) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - source_ts)) AS p95,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - source_ts)) AS p99,
           count(*) AS samples
    FROM event_trail
    WHERE tenant = ${slug} AND stage = 'update-processor' AND outcome = 'applied'
      AND processed_at > now() - interval '5 minutes' AND source_ts IS NOT NULL`;
  const row = rows[0];
  return { p50: row?.p50 ?? null, p95: row?.p95 ?? null, p99: row?.p99 ?? null, samples: Number(row?.samples ?? 0) };
}

type SampleRow = { at: Date; group_id: string; topic: string; end_sum: bigint; committed_sum: bigint };

function stageSeries(rows: SampleRow[], groupId: string) {
  const mine = rows.filter((r) => r.group_id === groupId);
  const times = [...new Set(mine.map((r) => r.at.getTime()))].sort((a, b) => a - b);
  const sumAt = (pick: (r: SampleRow) => bigint) =>
    times.map((atMs) => ({
      atMs,
      sum: mine.filter((r) => r.at.getTime() === atMs).reduce((s, r) => s + Number(pick(r)), 0),
    }));
  const ins = sumAt((r) => r.end_sum);
  const outs = sumAt((r) => r.committed_sum);
  const inRates = rateSeries(ins);
  const outRates = new Map(rateSeries(outs).map((p) => [p.atMs, p.perSecond]));
  return {
    inPerSecond: recentRate(ins, 30_000),
    outPerSecond: recentRate(outs, 30_000),
    series: inRates.map((p) => ({
      at: new Date(p.atMs).toISOString(),
      inPerSecond: p.perSecond,
      outPerSecond: outRates.get(p.atMs) ?? 0,
    })),
  };
}

/** The pipeline of a tenant resolved for the viewer with lag.read. */
export async function getTenantPipeline(viewer: Viewer, tenant: Tenant, input: unknown): Promise<TenantPipeline> {
  const { range } = pipelineQuery.parse(input);
  const prisma = getPrisma();
  const slug = tenant.slug;
  const topics = tenantTopics(slug);
  const [{ byTenant, sampler }, samples, heartbeats, retry, dlq, latency] = await Promise.all([
    getStageStatuses(viewer, [slug]),
    prisma.$queryRaw<SampleRow[]>`
      SELECT at, group_id, topic, end_sum, committed_sum FROM lag_group_samples
      WHERE group_id LIKE ${`sync.${slug}.%`} AND at > now() - make_interval(mins => ${MINUTES[range]}::int) ORDER BY at`,
    prisma.processorHeartbeat.findMany({ where: { tenant: slug } }),
    retryTopicsDepth(slug),
    topicDepth(topics.dlq),
    latencySeconds(slug),
  ]);
  const now = Date.now();
  const stages = (byTenant[slug] ?? []).map((stage): StageDetail => {
    const beats = heartbeats.filter((h) => h.stage === (stage.stage satisfies Stage));
    const alive = beats.filter((h) => now - h.lastBeatAt.getTime() < HEARTBEAT_FRESH_MS);
    const instances = {
      alive: alive.length,
      total: beats.length,
      lastError: alive.find((h) => h.lastError)?.lastError ?? null,
    };
    const paused = alive.find((h) => h.pausedUntil && h.pausedUntil.getTime() > now);
    const reason =
      instances.alive === 0 && stage.status !== "NO_DATA"
        ? `${stage.reason}; no instance is heartbeating`
        : paused
          ? `${stage.reason}; its partitions are paused after ${paused.failuresInRow} failure(s) in a row, resuming in ${Math.ceil((paused.pausedUntil!.getTime() - now) / 1000)} s`
          : stage.reason;
    return { ...stage, reason, instances, ...stageSeries(samples, stage.groupId) };
  });
  return {
    tenant: {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status: tenant.status,
      lagSloSeconds: tenant.lagSloSeconds,
    },
    stages,
    depth: { retry: retry?.waiting ?? null, retryLostToRetention: retry?.lostToRetention ?? null, dlq },
    warnings: retryWarnings(retry),
    latency,
    sampler,
  };
}
