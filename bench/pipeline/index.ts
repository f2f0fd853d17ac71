/**
 * `npm run bench:pipeline`: the update path (sync.<t>.updates → update-processor → target Postgres)
 * on a local broker and embedded Postgres of its own (unless KAFKA_BROKERS / DATABASE_URL are set).
 *
 * 1. Throughput: BENCH_UPDATES (default 2,000,000) realistic claim/member updates are produced
 *    first, then BENCH_PROCESSORS (default 2) real update-processor child processes
 *    (`syncdeck processor update-processor --tenant <t>`, the compiled
 *    command as production runs it: bench/processor-program.ts) are started; timed from
 *    their spawn until the last batch committed (every offset committed, one trail row per message).
 * 2. Latency: a fresh tenant, processors running, updates offered at BENCH_RATE/s (default 5,000)
 *    for BENCH_LATENCY_SECONDS (default 30, after a 5 s warm-up) with sourceTsMs = send time.
 *    Latency per message = commit time of the target transaction that applied it
 *    (pg_xact_commit_timestamp of its event-trail row; our own Postgres runs with
 *    track_commit_timestamp=on) − sourceTsMs. Without commit timestamps (an external DATABASE_URL
 *    with it off) the transaction start (processed_at) is used, which understates by the
 *    transaction's duration; the output says which.
 * 3. Correctness after each phase: lost = entities missing or not at their last produced LSN;
 *    duplicated = `applied` trail rows beyond one per (entity, LSN).
 * 4. Poison: BENCH_POISON_UPDATES (default 250,000) messages drained as in 1, four times: clean,
 *    with every BENCH_POISON_EVERY-th (default 100: 1%) message poison of five kinds in equal
 *    shares (see POISON_KINDS), poisoned again, clean again; prints the pooled rates and ratio.
 * 5. Naive baseline (BENCH_NAIVE_UPDATES, default 20,000, its own tenant): one message at a time,
 *    one autocommit upsert per message with the same LSN guard.
 * 6. Retry dispatch (bench/retry-dispatch.ts): BENCH_RETRY_FAILURES (default 3,000) retry records
 *    written over BENCH_RETRY_SPREAD_SECONDS (default 20) across the delay tiers of
 *    BENCH_RETRY_DELAYS_MS (default 1000,10000,30000), one real retry-processor process; prints
 *    forwarded − due time p50/p99/max. BENCH_ONLY=retry runs this phase alone.
 * 7. Peer (jdbc-sink.ts): Debezium's JDBC sink connector on a Kafka Connect worker applies the
 *    throughput phase's changes (BENCH_JDBC_UPDATES, default BENCH_UPDATES) to its own copy of
 *    the target tables, then offered at BENCH_RATE/s; prints
 *      jdbc sink: <n> updates/s, p99 <x> ms; SyncDeck: <m> updates/s, p99 <y> ms; ratio <m/n>×
 *    after a line comparing the CPU each spent per update (applier + Postgres), steadier than
 *    throughput when the shared machine's load differs between the two drains.
 *    BENCH_ONLY=jdbc runs phases 1, 2, this one and 8; BENCH_ONLY=throughput runs phase 1 alone.
 * 8. Floor (floor.ts): what reading an update from the broker and writing it into Postgres cost in
 *    CPU with no applier logic at all (a bare consumer; server-side upserts), and the ceiling that
 *    puts on any applier on this machine:
 *      floor: reading an update <r> µs CPU …; Postgres writing it <w> µs …; … allow any applier at most <n>/s …
 *    BENCH_ONLY=floor runs phase 1 and this one.
 * BENCH_PROCESSOR_NODE_ARGS adds node flags to the processor children (e.g. --cpu-prof).
 * Last line:
 *   pipeline: <N> updates/s sustained, p50 <a> ms, p99 <b> ms source-to-target at <r>/s, lost <l>, duplicated <d>
 *
 * Its parts: the knobs (config.ts), the stack and clients (setup.ts), the workload (workload.ts),
 * producing (produce.ts), the processors (processors.ts), the stages (stages.ts, naive.ts), the
 * checks and CPU accounting (measure.ts) and the printed lines (report.ts).
 */
import { load, ONLY } from "./config";
import { runBench, withBenchStack } from "./harness";
import { naiveBaseline } from "./naive";
import { floorStage } from "./floor";
import { jdbcSinkStage } from "./jdbc-sink";
import { floorLine, naiveLine, peerCpuLine, peerLine, summaryLine } from "./report";
import { latencyStage, poisonStage, retryDispatchStage, throughputStage } from "./stages";

runBench(() =>
  withBenchStack("pipeline", async (ctx) => {
    if (ONLY === "retry") {
      await retryDispatchStage(ctx);
      return;
    }
    const throughput = await throughputStage(ctx);
    if (ONLY === "throughput" || ONLY === "floor") {
      if (ONLY === "floor") console.log(floorLine(await floorStage(ctx, throughput.tenant), throughput.sustained));
      if (throughput.lost || throughput.duplicated) process.exitCode = 1;
      return;
    }
    const latency = await latencyStage(ctx);
    if (ONLY === "jdbc") {
      const sink = await jdbcSinkStage(ctx);
      const floor = await floorStage(ctx, throughput.tenant);
      console.log(peerCpuLine(sink.cpuPerUpdateUs, throughput.cpuPerUpdateUs));
      console.log(floorLine(floor, throughput.sustained, sink.rate));
      console.log(peerLine(sink, { rate: throughput.sustained, p99: latency.p99 }));
      if (throughput.lost || latency.lost || sink.lost || throughput.duplicated || latency.duplicated)
        process.exitCode = 1;
      return;
    }
    const poison = await poisonStage(ctx);
    await retryDispatchStage(ctx);
    const naive = await naiveBaseline(ctx.kafka, ctx.admin, ctx.producer, ctx.pool);
    const sink = await jdbcSinkStage(ctx);
    const floor = await floorStage(ctx, throughput.tenant);
    const lost = throughput.lost + latency.lost + poison.lost;
    const duplicated = throughput.duplicated + latency.duplicated + poison.duplicated;
    console.log(naiveLine(naive, throughput.sustained, load()));
    console.log(peerCpuLine(sink.cpuPerUpdateUs, throughput.cpuPerUpdateUs));
    console.log(floorLine(floor, throughput.sustained, sink.rate));
    console.log(peerLine(sink, { rate: throughput.sustained, p99: latency.p99 }));
    console.log(summaryLine(throughput.sustained, latency.p50, latency.p99, lost, duplicated));
    if (lost || duplicated || sink.lost) process.exitCode = 1;
  }),
);
