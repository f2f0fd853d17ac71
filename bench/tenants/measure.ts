/**
 * What the bench reads back: how far the processors are behind (Kafka: each stage's group against
 * its topics' ends), and from the target what a window applied (event trail, commit time by
 * pg_xact_commit_timestamp as bench:pipeline) and whether anything was lost or applied twice (its
 * checks, per tenant).
 */
import type { Admin } from "kafkajs";
import type pg from "pg";
import { retryRetriable } from "@/lib/kafka/client";
import { consumerGroup, tenantTopics, type Stage } from "@/lib/contract/topics";
import { duplicatedApplies, lostEntities } from "../pipeline/measure";
import type { Workload } from "../pipeline/workload";

/** Runs `fn` over `items`, `limit` at a time. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

async function groupBehind(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  const [ends, committed] = await Promise.all([
    Promise.all(topics.map((topic) => retryRetriable(() => admin.fetchTopicOffsets(topic)))),
    retryRetriable(() => admin.fetchOffsets({ groupId, topics })),
  ]);
  let behind = 0;
  topics.forEach((topic, i) => {
    const done = new Map(
      (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    // (a commit read after its topic's end would count below zero)
    for (const p of ends[i]!) behind += Math.max(0, Number(p.high) - Math.max(0, done.get(p.partition) ?? 0));
  });
  return behind;
}

/**
 * Messages not yet committed, per stage: by the tenants' cdc- and update-processor groups, and by
 * their retry-processor groups on the first retry tier (`firstTierMs`; a claim that met its
 * member's change late waits there once). Later tiers are left out: a poison claim whose member
 * never comes waits minutes in them by design.
 */
export async function behind(admin: Admin, tenants: string[], firstTierMs: number): Promise<Record<Stage, number>> {
  const stages: Array<[Stage, (t: ReturnType<typeof tenantTopics>) => string[]]> = [
    ["cdc-processor", (t) => [t.cdc("members"), t.cdc("claims")]],
    ["update-processor", (t) => [t.updates]],
    ["retry-processor", (t) => [t.retryTier(firstTierMs)]],
  ];
  const work = tenants.flatMap((tenant) =>
    stages.map(([stage, topics]) => ({
      stage,
      group: consumerGroup(tenant, stage),
      topics: topics(tenantTopics(tenant)),
    })),
  );
  const counts = await mapLimit(work, 32, (w) => groupBehind(admin, w.group, w.topics));
  const byStage: Record<Stage, number> = { "cdc-processor": 0, "update-processor": 0, "retry-processor": 0 };
  work.forEach((w, i) => (byStage[w.stage] += counts[i]!));
  return byStage;
}

export type Window = { fromMs: number; toMs: number };

/** Per tenant, changes the update-processor applied with their target commit inside the window. */
export async function appliedIn(
  pool: pg.Pool,
  committedAt: string,
  tenants: string[],
  w: Window,
): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ tenant: string; n: number }>(
    `SELECT tenant, count(*)::int AS n FROM event_trail
      WHERE stage = 'update-processor' AND outcome = 'applied' AND tenant = ANY($1)
        AND processed_at >= $2::timestamptz - interval '1 minute' AND ${committedAt} >= $2 AND ${committedAt} < $3
      GROUP BY tenant`,
    [tenants, new Date(w.fromMs).toISOString(), new Date(w.toMs).toISOString()],
  );
  return new Map(rows.map((r) => [r.tenant, r.n]));
}

/** Source-to-target latency (ms) of every change sent in the window and applied. */
export async function latencies(pool: pg.Pool, committedAt: string, tenants: string[], w: Window): Promise<number[]> {
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (${committedAt} - source_ts)) * 1000 AS ms FROM event_trail
      WHERE stage = 'update-processor' AND outcome = 'applied' AND tenant = ANY($1) AND source_ts >= $2 AND source_ts < $3`,
    [tenants, new Date(w.fromMs).toISOString(), new Date(w.toMs).toISOString()],
  );
  return rows.map((r) => Number(r.ms));
}

/** bench:pipeline's checks for every tenant: entities not at their last LSN, applies beyond one per (entity, LSN). */
export async function correctness(pool: pg.Pool, works: Workload[]): Promise<{ lost: number; duplicated: number }> {
  const checked = await mapLimit(works, 3, async (work) => ({
    lost: await lostEntities(pool, work),
    duplicated: await duplicatedApplies(pool, work.tenant),
  }));
  return {
    lost: checked.reduce((sum, c) => sum + c.lost, 0),
    duplicated: checked.reduce((sum, c) => sum + c.duplicated, 0),
  };
}
