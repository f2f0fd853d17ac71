/**
 * The bench's stages, each on fresh tenants of its own: sustained throughput, latency at a fixed
 * offered rate, the same drain with and without poison, and retry dispatch. Each prints its lines
 * and returns what the summary needs.
 */
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { retryDispatchPhase } from "../retry-dispatch";
import { percentile } from "../stats";
import {
  LATENCY_SECONDS,
  load,
  PARTITIONS,
  POISON_EVERY,
  POISON_UPDATES,
  PROCESSORS,
  RATE,
  RETRY_DELAYS_MS,
  RETRY_FAILURES,
  RETRY_SPREAD_SECONDS,
  sum,
  suffix,
  UPDATES,
  WARMUP_SECONDS,
  fmt,
} from "./config";
import {
  cpuReport,
  cpuSeconds,
  cpuSnapshot,
  dlqDepth,
  duplicatedApplies,
  lostEntities,
  postgresPids,
  trailSummary,
} from "./measure";
import { startUpdateProcessors, stopAll, waitDrained } from "./processors";
import { preload, produceAtRate } from "./produce";
import { latencyLine, latencySplitLine, poisonLine, producedLine, retryLine, throughputLine } from "./report";
import type { BenchContext } from "./setup";
import { Workload } from "./workload";

/** Correctness of a stage: entities lost (missing or not at their last LSN) and applies beyond one per (entity, LSN). */
export type Checked = { lost: number; duplicated: number };

export async function retryDispatchStage(ctx: BenchContext): Promise<void> {
  const retry = await retryDispatchPhase({
    kafka: ctx.kafka,
    admin: ctx.admin,
    producer: ctx.producer,
    env: ctx.env,
    logDir: ctx.logDir,
    tenant: `bench-retry-${suffix}`,
    partitions: PARTITIONS,
    failures: RETRY_FAILURES,
    delaysMs: RETRY_DELAYS_MS,
    spreadSeconds: RETRY_SPREAD_SECONDS,
    track: (p) => ctx.track(p),
  });
  console.log(retryLine(retry, load()));
  if (retry.missing || retry.early) process.exitCode = 1;
}

/** 1. Everything produced first, then the processors spawned; timed from their spawn to the last commit. */
export async function throughputStage(
  ctx: BenchContext,
): Promise<Checked & { tenant: string; sustained: number; cpuPerUpdateUs: number }> {
  const { admin, producer, pool, env, logDir, stack } = ctx;
  const tenant = `bench-tp-${suffix}`;
  await ensureTenantTopics(admin, tenant, PARTITIONS);
  const work = new Workload(tenant, 1);
  const t0 = performance.now();
  await preload(producer, work, UPDATES);
  console.log(
    producedLine(
      UPDATES,
      work.memberLsn.length,
      work.claimLsn.length,
      work.topics.updates,
      PARTITIONS,
      (performance.now() - t0) / 1000,
    ),
  );
  const components = (): Record<string, number[]> => ({
    "update-processors": ctx.running.map((p) => p.pid),
    postgres: postgresPids(stack),
    kafka: stack.kafkaPid ? [stack.kafkaPid] : [],
    bench: [process.pid],
  });
  const spawnedAtMs = Date.now();
  ctx.track(startUpdateProcessors(tenant, PROCESSORS, env, logDir));
  const cpuBefore = cpuSnapshot(components());
  let loadDuring = "";
  const loadProbe = setInterval(() => (loadDuring = load()), 5_000);
  try {
    await waitDrained(admin, tenant, ctx.running, logDir, 30 * 60_000);
  } finally {
    clearInterval(loadProbe);
  }
  const cpuAfter = cpuSnapshot(components());
  const cpuWall = (Date.now() - spawnedAtMs) / 1000;
  await stopAll(ctx.running);
  ctx.track([]);
  const trail = await trailSummary(pool, tenant, ctx.committedAt);
  if (trail.outcomes.includes("retried"))
    console.log(
      "note: some claims went to the retry topic (UnknownMember): their member's first upsert arrived after them",
    );
  if (trail.rows !== UPDATES)
    console.log(
      `note: ${fmt(trail.rows)} trail rows for ${fmt(UPDATES)} messages (redeliveries after a rebalance add rows)`,
    );
  const seconds = (trail.last_ms - spawnedAtMs) / 1000;
  const sustained = UPDATES / seconds;
  const steady = UPDATES / ((trail.last_ms - trail.first_ms) / 1000);
  const lost = await lostEntities(pool, work);
  const duplicated = await duplicatedApplies(pool, tenant);
  console.log(
    throughputLine(
      { updates: UPDATES, seconds, sustained, steady, outcomes: trail.outcomes, lost, duplicated },
      loadDuring || load(),
    ),
  );
  console.log(`throughput phase ${cpuReport(cpuBefore, cpuAfter, cpuWall)}`);
  const cpuPerUpdateUs = (1e6 * cpuSeconds(cpuBefore, cpuAfter, ["update-processors", "postgres"])) / UPDATES;
  return { tenant, sustained, lost, duplicated, cpuPerUpdateUs };
}

/**
 * 2. Processors running, updates offered at RATE/s after a warm-up, each stamped with its send time;
 * a message's latency is the commit time of the target transaction that applied it minus that.
 */
export async function latencyStage(ctx: BenchContext): Promise<Checked & { p50: number; p99: number }> {
  const { admin, producer, pool, env, logDir, committedAt } = ctx;
  const tenant = `bench-lat-${suffix}`;
  await ensureTenantTopics(admin, tenant, PARTITIONS);
  const work = new Workload(tenant, 2);
  ctx.track(startUpdateProcessors(tenant, PROCESSORS, env, logDir));
  await preload(producer, work, 1_000); // the group joins and the first batches warm up
  await waitDrained(admin, tenant, ctx.running, logDir, 120_000);
  await produceAtRate(producer, work, RATE, WARMUP_SECONDS);
  const measureFromMs = Date.now();
  const offered = await produceAtRate(producer, work, RATE, LATENCY_SECONDS);
  const measureToMs = Date.now();
  const loadAtRate = load();
  await waitDrained(admin, tenant, ctx.running, logDir, 120_000);
  await stopAll(ctx.running);
  ctx.track([]);
  const { rows } = await pool.query<{ ms: number; wait_ms: number }>(
    `SELECT extract(epoch FROM (${committedAt} - source_ts)) * 1000 AS ms, extract(epoch FROM (processed_at - source_ts)) * 1000 AS wait_ms FROM event_trail
     WHERE tenant = $1 AND stage = 'update-processor' AND source_ts >= $2 AND source_ts < $3`,
    [tenant, new Date(measureFromMs).toISOString(), new Date(measureToMs).toISOString()],
  );
  const latencies = rows.map((r) => Number(r.ms));
  const waits = rows.map((r) => Number(r.wait_ms));
  const inTx = rows.map((r) => Number(r.ms) - Number(r.wait_ms));
  const lost = await lostEntities(pool, work);
  const duplicated = await duplicatedApplies(pool, tenant);
  console.log(latencyLine(offered, latencies, lost, duplicated, loadAtRate));
  if (ctx.commitTs) console.log(latencySplitLine(waits, inTx));
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost, duplicated };
}

type DrainRun = Checked & { seconds: number; rate: number };

/** POISON_UPDATES messages produced, then drained by fresh processors; every `poisonEvery`-th is poison (0: none). */
async function drainRun(ctx: BenchContext, tenant: string, poisonEvery: number): Promise<DrainRun> {
  await ensureTenantTopics(ctx.admin, tenant, PARTITIONS);
  const work = new Workload(tenant, 4);
  work.poisonEvery = poisonEvery;
  await preload(ctx.producer, work, POISON_UPDATES);
  const spawnedAtMs = Date.now();
  const processors = startUpdateProcessors(tenant, PROCESSORS, ctx.env, ctx.logDir);
  ctx.track(processors);
  await waitDrained(ctx.admin, tenant, processors, ctx.logDir, 30 * 60_000);
  await stopAll(processors);
  ctx.track([]);
  const summary = await trailSummary(ctx.pool, tenant, ctx.committedAt);
  const seconds = (summary.last_ms - spawnedAtMs) / 1000;
  return {
    seconds,
    rate: POISON_UPDATES / seconds,
    lost: await lostEntities(ctx.pool, work),
    duplicated: await duplicatedApplies(ctx.pool, tenant),
  };
}

/** 3. With 1% poison against the same drain without: clean, poisoned, poisoned, clean, so a load that drifts favours neither. */
export async function poisonStage(ctx: BenchContext): Promise<Checked> {
  const runs: Array<DrainRun & { poisoned: boolean }> = [];
  for (const [i, poisoned] of [false, true, true, false].entries()) {
    runs.push({
      ...(await drainRun(ctx, `bench-${poisoned ? "poison" : "clean"}${i}-${suffix}`, poisoned ? POISON_EVERY : 0)),
      poisoned,
    });
  }
  const pooled = (poisoned: boolean) => {
    const picked = runs.filter((r) => r.poisoned === poisoned);
    const seconds = sum(picked.map((r) => r.seconds));
    return {
      rate: (picked.length * POISON_UPDATES) / seconds,
      seconds,
      lost: sum(picked.map((r) => r.lost)),
      duplicated: sum(picked.map((r) => r.duplicated)),
    };
  };
  const clean = pooled(false);
  const poisoned = pooled(true);
  const deadLettered =
    (await dlqDepth(ctx.admin, `bench-poison1-${suffix}`)) + (await dlqDepth(ctx.admin, `bench-poison2-${suffix}`));
  console.log(
    poisonLine(
      runs.map((r) => r.seconds),
      clean,
      poisoned,
      deadLettered,
      load(),
    ),
  );
  return { lost: clean.lost + poisoned.lost, duplicated: clean.duplicated + poisoned.duplicated };
}
