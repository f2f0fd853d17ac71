/**
 * `npm run bench:tenants`: tenant density of pooled processors. On a broker and a Postgres of its
 * own (bench/pipeline/setup.ts: unless KAFKA_BROKERS / DATABASE_URL are set; its Postgres records
 * commit timestamps), BENCH_TENANTS (default 200) tenants at BENCH_LIGHT_RATE (2) changes/s each
 * and BENCH_HEAVY_TENANTS (3) at BENCH_HEAVY_RATE (500)/s are served by the real cdc-, update- and
 * retry-processors as the demo runs them, in pools (`--pool … --tenants …`, child processes).
 *
 * The traffic: Debezium-shaped change events on each tenant's CDC topics (bench/tenants/cdc-load.ts),
 * stamped source.ts_ms = send time, as bench:pipeline stamps its updates; latency = commit time of
 * the target transaction that applied the change (pg_xact_commit_timestamp of its event-trail row)
 * − source.ts_ms, over the changes sent in the window and applied. No source database or Connect:
 * 200 connectors are not what is measured here.
 *
 * 1. Pooled: ceil(tenants / BENCH_POOL_SIZE) pools, each one process per stage. Default: all
 *    tenants in one pool per stage, 3 processes: a process' memory is mostly fixed (Node, tsx, the
 *    stage's code, ~85 MB) and a tenant adds ~3.4 MB over its three consumers (measured: 3
 *    processes 605 MB at 103 tenants, 949 MB at 203), so every extra process per stage costs more
 *    than 25 tenants; a single process per stage keeps up once its Postgres slots are raised
 *    (BENCH_POOL_SIZE=70 runs 3 pools per stage to compare). Pool processes run with
 *    CONSUMER_CONCURRENCY=16 unless set (bench/tenants/config.ts says why).
 *    After BENCH_WARMUP_SECONDS (10) of traffic and every group caught up, and 5 s more: a clean
 *    half of BENCH_SECONDS (60), BENCH_POISON_SECONDS (30) with the first light tenant also getting
 *    BENCH_POISON_RATE (100)/s of bench:pipeline's poison (POISON_KINDS) on its updates topic, and
 *    the other clean half (clean, poisoned, clean: a backlog or a drifting load favours neither).
 *    The others' applied changes/s (by target commit time) in the poisoned window against the
 *    clean ones give the poison's cost. Then every group catches up and each tenant gets
 *    bench:pipeline's checks: lost = entities not at their last LSN, duplicated = applies beyond
 *    one per (entity, LSN).
 * 2. Dedicated: BENCH_DEDICATED_TENANTS (5; 3 processes each, each with its own Postgres pool, so
 *    10 would reach the local Postgres' 100 connections) at the light rate for
 *    BENCH_DEDICATED_SECONDS (20); their RSS per tenant, extrapolated to every tenant.
 * RSS: the sum over the processor process trees (/proc), sampled every 2 s, the peak. Every
 * processor runs with CONSUMER_MAX_WAIT_MS=5000 unless set (bench/tenants/config.ts says why);
 * BENCH_PARTITIONS (1) partitions per topic; BENCH_PROCESSOR_NODE_ARGS adds node flags to the
 * processors (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 * Last line:
 *   tenants: <N> pooled in <P> processes, RSS <r> MB, <c> changes/s applied, p99 <l> ms source-to-target,
 *   lost <l>, duplicated <d>; poisoned tenant costs the others <x>% throughput; dedicated: <3N> processes,
 *   <R> MB RSS (extrapolated from <k> tenants: …)
 */
import { suffix } from "./pipeline/config";
import { runBench, withBenchStack } from "./pipeline/harness";
import { tenantLoad } from "./tenants/cdc-load";
import { DEDICATED_TENANTS, HEAVY_RATE, HEAVY_TENANTS, LIGHT_RATE, PARTITIONS, TENANTS } from "./tenants/config";
import { createTopics, dedicatedRun, pooledRun } from "./tenants/phases";
import { summaryLine, tenantsLine } from "./tenants/report";

runBench(() =>
  withBenchStack("tenants", async (ctx) => {
    const loads = [
      ...Array.from({ length: HEAVY_TENANTS }, (_, i) => tenantLoad(`bt-${suffix}-h${i + 1}`, HEAVY_RATE, i + 1)),
      ...Array.from({ length: TENANTS }, (_, i) => tenantLoad(`bt-${suffix}-${i + 1}`, LIGHT_RATE, 1_000 + i)),
    ];
    const dedicated = Array.from({ length: DEDICATED_TENANTS }, (_, i) =>
      tenantLoad(`bt-${suffix}-d${i + 1}`, LIGHT_RATE, 100_000 + i),
    );
    const started = Date.now();
    await createTopics(
      ctx.admin,
      [...loads, ...dedicated].map((l) => l.tenant),
      ctx.env,
    );
    console.log(tenantsLine(TENANTS, LIGHT_RATE, HEAVY_TENANTS, HEAVY_RATE, PARTITIONS));
    console.log(
      `topics of ${loads.length + dedicated.length} tenants created in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    const pooled = await pooledRun(ctx, loads);
    const ded = dedicated.length ? await dedicatedRun(ctx, dedicated, loads.length) : null;
    const lost = pooled.lost + (ded?.lost ?? 0);
    const duplicated = pooled.duplicated + (ded?.duplicated ?? 0);
    console.log(summaryLine(pooled.run, lost, duplicated, pooled.poison, ded));
    if (lost || duplicated) process.exitCode = 1;
  }),
);
