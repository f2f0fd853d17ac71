/**
 * The bench's two runs: every tenant in pools (warm-up, a clean window, a window with one tenant
 * poisoned, then the checks), and a few tenants on dedicated processors for comparison.
 */
import type { Admin } from "kafkajs";
import { parseRetrySchedule } from "@/lib/contract/retry-schedule";
import { tenantTopicNames } from "@/lib/kafka/ensure-topics";
import { retryRetriable } from "@/lib/kafka/client";
import { fmt, load, sleep } from "../pipeline/config";
import { childrenOf, cpuReport, cpuSnapshot, dlqDepth } from "../pipeline/measure";
import { stopAll } from "../pipeline/processors";
import type { BenchContext } from "../pipeline/setup";
import { POISON_KINDS } from "../pipeline/workload";
import { cpuTimes, describeCpu, processTree } from "../stats";
import { offer, prime, type TenantLoad } from "./cdc-load";
import {
  DEDICATED_SECONDS,
  HEAVY_TENANTS,
  MAX_WAIT_MS,
  PARTITIONS,
  POISON_RATE,
  POISON_SECONDS,
  POOL_CONCURRENCY,
  POOL_SIZE,
  SECONDS,
  SETTLE_SECONDS,
  WARMUP_SECONDS,
} from "./config";
import { appliedIn, behind, correctness, latencies, type Window } from "./measure";
import { assertRunning, rssSampler, startDedicated, startPools, type Processor } from "./processors";
import {
  dedicatedLine,
  poisonLine,
  windowLine,
  latencyByClassLine,
  settleLine,
  type DedicatedFigures,
  type PoisonFigures,
  type RunFigures,
} from "./report";

/** Every topic of the tenants, created in a few requests (one request per tenant would take minutes at 200). */
export async function createTopics(admin: Admin, tenants: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const topics = tenants.flatMap((t) => tenantTopicNames(t, env));
  for (let from = 0; from < topics.length; from += 400)
    await retryRetriable(() =>
      admin.createTopics({
        waitForLeaders: true,
        topics: topics
          .slice(from, from + 400)
          .map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
      }),
    );
  // created is not yet known everywhere: a producer asking for a topic's metadata too early gives up
  const deadline = Date.now() + 120_000;
  for (let from = 0; from < topics.length;) {
    const chunk = topics.slice(from, from + 400);
    const ready = await admin
      .fetchTopicMetadata({ topics: chunk })
      .then((m) =>
        m.topics.every((t) => t.partitions.length === PARTITIONS && t.partitions.every((p) => p.leader >= 0)),
      )
      .catch(() => false);
    if (ready) from += chunk.length;
    else if (Date.now() > deadline) throw new Error("the tenants' topics have no leaders after 2 minutes");
    else await sleep(500);
  }
}

/** The environment of every processor the bench starts. */
const processorEnv = (ctx: BenchContext): NodeJS.ProcessEnv => ({
  ...ctx.env,
  CONSUMER_MAX_WAIT_MS: MAX_WAIT_MS,
});

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const behindText = (byStage: Record<string, number>) =>
  Object.entries(byStage)
    .map(([stage, n]) => `${stage} ${fmt(n)}`)
    .join(", ");

async function caughtUp(ctx: BenchContext, tenants: string[], processes: Processor[], timeoutMs: number) {
  const firstTier = parseRetrySchedule(ctx.env).delaysMs[0]!;
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const byStage = await behind(ctx.admin, tenants, firstTier);
    const left = sum(Object.values(byStage));
    if (left === 0) return;
    assertRunning(processes);
    if (Date.now() > deadline) throw new Error(`timed out with ${fmt(left)} message(s) not yet processed`);
    if (Date.now() - lastReport > 15_000) {
      console.log(`  … ${behindText(byStage)} to go (${load()})`);
      lastReport = Date.now();
    }
    await sleep(1_000);
  }
}

/** Offers the loads for `seconds`, failing early if a processor exits. */
async function offerWatched(ctx: BenchContext, loads: TenantLoad[], seconds: number, processes: Processor[]) {
  let watchFailed = false;
  const watch = setInterval(() => {
    if (processes.some((p) => p.hasExited())) watchFailed = true;
  }, 1_000);
  try {
    const sent = await offer(ctx.producer, loads, seconds);
    if (watchFailed) assertRunning(processes);
    return sent;
  } finally {
    clearInterval(watch);
  }
}

const seconds = (windows: Window[]) => sum(windows.map((w) => (w.toMs - w.fromMs) / 1000));

/** Applied changes/s and latencies of `tenants` over `windows` together. */
async function over(ctx: BenchContext, tenants: string[], windows: Window[]) {
  const applied = await Promise.all(windows.map((w) => appliedIn(ctx.pool, ctx.committedAt, tenants, w)));
  const lat = await Promise.all(windows.map((w) => latencies(ctx.pool, ctx.committedAt, tenants, w)));
  return { perSecond: sum(applied.map((a) => sum(a.values()))) / seconds(windows), latencies: lat.flat() };
}

async function figures(
  ctx: BenchContext,
  tenants: string[],
  processes: number,
  rssPeak: number,
  windows: Window[],
): Promise<RunFigures> {
  const { perSecond, latencies } = await over(ctx, tenants, windows);
  return { tenants: tenants.length, processes, rssPeak, appliedPerSecond: perSecond, latencies };
}

/** Where the CPU goes: the processors, and what the bench started besides (broker, Postgres, itself). */
function components(ctx: BenchContext, processes: Processor[]): Record<string, number[]> {
  const postmaster = ctx.stack.postmasterPid?.();
  return {
    processors: processes.flatMap((p) => processTree(p.pid)),
    kafka: ctx.stack.kafkaPid ? [ctx.stack.kafkaPid] : [],
    postgres: postmaster ? [postmaster, ...childrenOf(postmaster)] : [],
    "load generator": [process.pid],
  };
}

export type PooledResult = { run: RunFigures; lost: number; duplicated: number; poison: PoisonFigures };

/** Every tenant in pools of POOL_SIZE: warm-up, the clean window, the poisoned window, the checks. */
export async function pooledRun(ctx: BenchContext, loads: TenantLoad[]): Promise<PooledResult> {
  const tenants = loads.map((l) => l.tenant);
  const started = Date.now();
  const poolEnv = { ...processorEnv(ctx), POOL_CONCURRENCY };
  const processes = startPools(tenants, POOL_SIZE, poolEnv, ctx.logDir);
  ctx.track(processes);
  const primed = await prime(ctx.producer, loads);
  await offerWatched(ctx, loads, WARMUP_SECONDS, processes);
  await caughtUp(ctx, tenants, processes, 300_000);
  console.log(
    `pooled: ${processes.length} processes up and caught up with ${fmt(primed)} first changes and ${WARMUP_SECONDS} s of warm-up traffic in ${((Date.now() - started) / 1000).toFixed(0)} s (${load()})`,
  );

  const settle: Window = { fromMs: Date.now(), toMs: 0 };
  await offerWatched(ctx, loads, SETTLE_SECONDS, processes); // traffic again after the pause, not measured
  settle.toMs = Date.now();
  // clean, poisoned, clean: a backlog or a load that drifts favours neither
  const rss = rssSampler(processes);
  const pids = () => processes.flatMap((p) => processTree(p.pid));
  const cpuBefore = cpuTimes(pids());
  const componentsBefore = cpuSnapshot(components(ctx, processes));
  const clean: Window[] = [];
  const timed = async (seconds: number) => {
    const w: Window = { fromMs: Date.now(), toMs: 0 };
    const sent = await offerWatched(ctx, loads, seconds, processes);
    w.toMs = Date.now();
    return { w, sent };
  };
  clean.push((await timed(SECONDS / 2)).w);
  const cpuAfter = cpuTimes(pids());
  const componentsAfter = cpuSnapshot(components(ctx, processes));
  const loadClean = load();
  const behindAfterClean = await behind(ctx.admin, tenants, parseRetrySchedule(ctx.env).delaysMs[0]!);
  const cpuWallMs = Date.now() - clean[0]!.fromMs;

  const poisoned = loads[HEAVY_TENANTS]!; // the first light tenant
  poisoned.poisonRate = POISON_RATE;
  const { w: poisonWindow, sent } = await timed(POISON_SECONDS);
  poisoned.poisonRate = 0;
  const loadPoison = load();
  clean.push((await timed(SECONDS / 2)).w);
  const rssPeak = rss.peak();
  rss.stop();

  await caughtUp(ctx, tenants, processes, 180_000);
  await sleep(1_000); // the last commit timestamps
  const run = await figures(ctx, tenants, processes.length, rssPeak, clean);
  console.log(settleLine(SETTLE_SECONDS, await latencies(ctx.pool, ctx.committedAt, tenants, settle)));
  console.log(windowLine("pooled, clean", SECONDS, run, loadClean));
  const heavy = loads.slice(0, HEAVY_TENANTS).map((l) => l.tenant);
  const [heavyRun, lightRun] = await Promise.all([
    over(ctx, heavy, clean),
    over(
      ctx,
      tenants.filter((t) => !heavy.includes(t)),
      clean,
    ),
  ]);
  console.log(latencyByClassLine(heavyRun.latencies, lightRun.latencies));
  console.log(`pooled, first clean half: ${describeCpu(cpuBefore, cpuAfter, cpuWallMs, "processors")}`);
  console.log(
    `pooled, first clean half: ${cpuReport(componentsBefore, componentsAfter, cpuWallMs / 1000)}; behind at its end: ${behindText(behindAfterClean)}`,
  );
  const others = tenants.filter((t) => t !== poisoned.tenant);
  const [cleanOthers, poisonedOthers] = await Promise.all([
    over(ctx, others, clean),
    over(ctx, others, [poisonWindow]),
  ]);
  const poison: PoisonFigures = {
    tenant: poisoned.tenant,
    poisonSent: sent.poison,
    deadLettered: await dlqDepth(ctx.admin, poisoned.tenant),
    cleanOthersPerSecond: cleanOthers.perSecond,
    poisonedOthersPerSecond: poisonedOthers.perSecond,
    cleanOthersLatencies: cleanOthers.latencies,
    poisonedOthersLatencies: poisonedOthers.latencies,
  };
  console.log(poisonLine(poison, POISON_SECONDS, POISON_KINDS, loadPoison));
  const checked = await correctness(
    ctx.pool,
    loads.map((l) => l.work),
  );
  console.log(`pooled: lost ${checked.lost}, duplicated ${checked.duplicated} over ${tenants.length} tenants`);
  await stopAll(processes);
  ctx.track([]);
  return { run, ...checked, poison };
}

/** A few tenants with three processors each, at the light rate, for the memory per tenant. */
export async function dedicatedRun(
  ctx: BenchContext,
  loads: TenantLoad[],
  extrapolatedTo: number,
): Promise<DedicatedFigures & { lost: number; duplicated: number }> {
  const tenants = loads.map((l) => l.tenant);
  const started = Date.now();
  const processes = startDedicated(tenants, processorEnv(ctx), ctx.logDir);
  ctx.track(processes);
  await prime(ctx.producer, loads);
  await offerWatched(ctx, loads, WARMUP_SECONDS, processes);
  await caughtUp(ctx, tenants, processes, 300_000);
  console.log(
    `dedicated: ${processes.length} processes up and caught up in ${((Date.now() - started) / 1000).toFixed(0)} s (${load()})`,
  );
  await offerWatched(ctx, loads, SETTLE_SECONDS, processes); // as the pooled run: traffic again after the pause, not measured
  const rss = rssSampler(processes);
  const w: Window = { fromMs: Date.now(), toMs: 0 };
  await offerWatched(ctx, loads, DEDICATED_SECONDS, processes);
  w.toMs = Date.now();
  const loadAt = load();
  rss.stop();
  await caughtUp(ctx, tenants, processes, 120_000);
  await sleep(1_000);
  const run = { ...(await figures(ctx, tenants, processes.length, rss.peak(), [w])), extrapolatedTo };
  console.log(dedicatedLine(run, DEDICATED_SECONDS, loadAt));
  const checked = await correctness(
    ctx.pool,
    loads.map((l) => l.work),
  );
  await stopAll(processes);
  ctx.track([]);
  return { ...run, ...checked };
}
