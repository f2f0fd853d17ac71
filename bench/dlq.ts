/**
 * `npm run bench:dlq`: a dead-letter topic of BENCH_DLQ_MESSAGES (default 1,000,000) records on a
 * local broker and embedded Postgres of its own (unless KAFKA_BROKERS / DATABASE_URL are set).
 *
 * 1. Fill: the records are produced in batches of 4,000 with our failure headers (a mix of error
 *    classes, stages and entities), then indexed by the real DLQ indexer (server/workers/dlq-indexer.worker.ts,
 *    a Kafka consumer writing dlq_messages), timed until every record is in Postgres.
 * 2. Pages, through the API's data function (listDlqPageForTenant: zod parse, SQL build, query,
 *    JSON mapping) — BENCH_DLQ_SAMPLES (default 200) calls each:
 *    first page = the default view (open records, newest first);
 *    filtered page = a rotation of error class, stage + time range, entity, full-text, and the
 *    next page after a cursor deep in the topic.
 *    Baseline in the same process: the same first page the naive way, `count(*)` + OFFSET paging
 *    to the middle of the DLQ (what a page-number UI does).
 * 3. Replay: a replay job over the BENCH_DLQ_REPLAY (default 100,000) records of one error class,
 *    run by the replay worker's code (read batch → produce → mark replayed + move the cursor),
 *    rate limit set above what it can reach; msgs/s = records replayed / wall time.
 * BENCH_DLQ_TENANT=<slug> (with KAFKA_BROKERS and DATABASE_URL) skips the fill and measures a DLQ
 * filled by an earlier run that is still up.
 * Last line: dlq: <N> messages, first page p95 <x> ms, filtered page p95 <y> ms, replay <z> msgs/s
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Message } from "kafkajs";
import pg from "pg";
import { encodeFailureHeaders } from "@/lib/contract/headers";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { tenantTopics } from "@/lib/contract/topics";
import { applyMigrations } from "../server/db/migrate";
import { disconnectPrisma } from "../server/db/client";
import { listDlqPageForTenant } from "../server/retries/dlq-page";
import { closeDlqReadPool } from "../server/retries/read-pool";
import { startDlqIndexer } from "../server/workers/dlq-indexer.worker";
import { runReplayJob, type ReplayJobRow } from "../server/retries/replay-job";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { startKafka } from "../scripts/stack/kafka";
import { startPostgres } from "../scripts/stack/postgres";
import { percentile, timeIt } from "./stats";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
let MESSAGES = int("BENCH_DLQ_MESSAGES", 1_000_000);
const SAMPLES = int("BENCH_DLQ_SAMPLES", 200);
const REPLAY = int("BENCH_DLQ_REPLAY", 100_000);
const PARTITIONS = 6;
/** records per produce request: about 100 KB per partition, well under the broker's 1 MB batch limit */
const BATCH = 4_000;
const REUSE = process.env.BENCH_DLQ_TENANT;
const tenant = REUSE ?? `bench-dlq-${randomUUID().replaceAll("-", "").slice(0, 8)}`;
const topics = tenantTopics(tenant);

/** Error classes by share of the DLQ; the last one is the replay bench's selection. */
const CLASSES = [
  {
    errorClass: "UnknownMember",
    share: 0.55,
    message: (i: number) =>
      `attempts exhausted: attempt 5 of at most 5 failed; last error: member M-${i % 50_000} is not in the target yet`,
  },
  {
    errorClass: "SchemaViolation",
    share: 0.25,
    message: (i: number) => `data.ndc: must be an 11-digit NDC (got "${i % 997}")`,
  },
  {
    errorClass: "UndecodableMessage",
    share: 0.1,
    message: () => "value is not valid JSON: Unexpected token < in JSON at position 0",
  },
  { errorClass: "MissingRetryHeaders", share: 0.1, message: () => "a retry message must carry the sync-* headers" },
];
const STAGES = ["update-processor", "retry-processor", "cdc-processor"];

function classOf(i: number) {
  const r = ((i * 7919) % 1000) / 1000;
  let acc = 0;
  for (const c of CLASSES) {
    acc += c.share;
    if (r < acc) return c;
  }
  return CLASSES[0]!;
}

function dlqMessage(i: number, now: number): Message {
  const cls = classOf(i);
  const memberId = `M-${(i * 31) % 200_000}`;
  const claimId = `C-${i}`;
  const value = JSON.stringify({
    tenant,
    entity: "claim",
    op: "upsert",
    id: claimId,
    memberId,
    sourceLsn: String(10_000_000 + i),
    sourceVersion: 1,
    sourceTsMs: now,
    data: { claimId, memberId, ndc: "00002143380", drugName: "Atorvastatin 20 mg", quantity: 30, status: "PAID" },
  });
  return {
    key: memberId,
    value,
    headers: encodeFailureHeaders({
      attempt: 5,
      originalTopic: topics.updates,
      originalPartition: i % PARTITIONS,
      originalOffset: String(i),
      firstFailedAt: new Date(now - 3_600_000).toISOString(),
      errorClass: cls.errorClass,
      errorMessage: cls.message(i),
      stage: STAGES[i % STAGES.length]!,
      tenant,
      entity: `claim:${claimId}`,
    }),
  };
}

async function measure(label: string, calls: Array<() => Promise<unknown>>, samples = SAMPLES): Promise<number> {
  for (const call of calls.slice(0, Math.min(5, samples))) await call(); // warm-up: connections, plans
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await timeIt(calls[i % calls.length]!));
  const p95 = percentile(times, 95);
  console.log(`${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${samples} calls`);
  return p95;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-bench-dlq-"));
  const stops: Array<() => Promise<void>> = [];
  try {
    if (!process.env.KAFKA_BROKERS) {
      const kafka = await startKafka({ dataDir: path.join(tmp, "kafka") });
      process.env.KAFKA_BROKERS = kafka.brokers;
      stops.push(kafka.stop);
    }
    if (!process.env.DATABASE_URL) {
      const postgres = await startPostgres({ dataDir: path.join(tmp, "postgres") });
      process.env.DATABASE_URL = postgres.url;
      stops.push(postgres.stop);
    }
    const databaseUrl = process.env.DATABASE_URL;
    if (!REUSE) await applyMigrations(databaseUrl); // a reused run's database is already migrated
    const kafka = createKafka(
      { ...process.env, KAFKA_CLIENT_ID: "syncdeck-bench-dlq" },
      { logLevel: logLevel.NOTHING },
    );
    const admin = kafka.admin();
    const producer = createProducer(kafka);
    await Promise.all([admin.connect(), producer.connect()]);
    stops.push(
      () => admin.disconnect(),
      () => producer.disconnect(),
    );
    await ensureTenantTopics(admin, tenant, PARTITIONS);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    pool.on("error", () => undefined); // idle clients cut at shutdown
    stops.push(() => pool.end());

    // 1. fill (or reuse)
    let started = performance.now();
    if (REUSE) {
      const { rows } = await pool.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM dlq_messages WHERE tenant = $1",
        [tenant],
      );
      MESSAGES = Number(rows[0]!.n);
      await pool.query(
        "UPDATE dlq_messages SET state = 'open', replay_count = 0 WHERE tenant = $1 AND state <> 'open'",
        [tenant],
      );
      console.log(`reusing ${MESSAGES} indexed records of ${tenant}`);
    } else {
      const now = Date.now();
      started = performance.now();
      const inFlight: Promise<unknown>[] = [];
      for (let from = 0; from < MESSAGES; from += BATCH) {
        const messages = Array.from({ length: Math.min(BATCH, MESSAGES - from) }, (_, k) => dlqMessage(from + k, now));
        inFlight.push(producer.send({ topic: topics.dlq, messages, acks: 1 }));
        if (inFlight.length >= 4) await inFlight.shift();
      }
      await Promise.all(inFlight);
      const produceSeconds = (performance.now() - started) / 1000;
      console.log(
        `produced ${MESSAGES} records in ${produceSeconds.toFixed(1)} s (${Math.round(MESSAGES / produceSeconds)}/s)`,
      );
      started = performance.now();
      const indexer = startDlqIndexer({
        kafka,
        databaseUrl,
        groupId: `bench-dlq-indexer-${tenant}`,
        log: () => undefined,
      });
      stops.push(() => indexer.stop());
      for (;;) {
        const { rows } = await pool.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM dlq_messages WHERE tenant = $1",
          [tenant],
        );
        if (Number(rows[0]!.n) >= MESSAGES) break;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
      const indexSeconds = (performance.now() - started) / 1000;
      console.log(
        `indexed ${MESSAGES} records in ${indexSeconds.toFixed(1)} s (${Math.round(MESSAGES / indexSeconds)}/s)`,
      );
      await indexer.stop();
      await pool.query("VACUUM ANALYZE dlq_messages");
    }
    // 2. pages
    const firstP95 = await measure("first page", [() => listDlqPageForTenant(tenant, {})]);
    const { rows: mid } = await pool.query<{ id: string; written_at: Date }>(
      "SELECT id::text, written_at FROM dlq_messages WHERE tenant = $1 ORDER BY id OFFSET $2 LIMIT 1",
      [tenant, Math.floor(MESSAGES / 2)],
    );
    const midId = mid[0]!.id;
    const midAt = mid[0]!.written_at;
    const filteredP95 = await measure("filtered page", [
      () => listDlqPageForTenant(tenant, { errorClass: "SchemaViolation" }),
      () =>
        listDlqPageForTenant(tenant, {
          stage: "retry-processor",
          from: new Date(midAt.getTime() - 60_000).toISOString(),
          to: midAt.toISOString(),
        }),
      () => listDlqPageForTenant(tenant, { entity: `M-${(4_242 * 31) % 200_000}` }),
      () => listDlqPageForTenant(tenant, { q: "NDC" }),
      () => listDlqPageForTenant(tenant, { q: '"not valid JSON"', errorClass: "UndecodableMessage" }),
      () => listDlqPageForTenant(tenant, { errorClass: "UnknownMember", cursor: midId }),
    ]);
    const naiveP95 = await measure(
      "naive first page (count + OFFSET to the middle)",
      [
        async () => {
          await pool.query("SELECT count(*) FROM dlq_messages WHERE tenant = $1 AND kind = 'dlq' AND state = 'open'", [
            tenant,
          ]);
          await pool.query(
            "SELECT id FROM dlq_messages WHERE tenant = $1 AND kind = 'dlq' AND state = 'open' ORDER BY id DESC OFFSET $2 LIMIT 50",
            [tenant, Math.floor(MESSAGES / 2)],
          );
        },
      ],
      10,
    ); // seconds per call on a million records: a few samples tell the story
    console.log(`keyset first page vs naive count + OFFSET page: ${(naiveP95 / firstP95).toFixed(1)}x faster at p95`);

    // 3. replay
    const replayClass = CLASSES[CLASSES.length - 1]!.errorClass;
    const { rows: ceiling } = await pool.query<{ id: string; n: string }>(
      `SELECT max(id)::text AS id, count(*)::text AS n FROM (SELECT id FROM dlq_messages WHERE tenant = $1 AND kind = 'dlq' AND error_class = $2 ORDER BY id LIMIT $3) s`,
      [tenant, replayClass, REPLAY],
    );
    const job: ReplayJobRow = {
      id: randomUUID(),
      tenant,
      target: "original",
      rate_per_sec: 1_000_000,
      cursor: "0",
      done: 0,
      skipped: 0,
      created_by: "bench",
      selection: { filter: { state: "open", errorClass: replayClass }, maxId: ceiling[0]!.id },
    };
    await pool.query(
      `INSERT INTO dlq_replay_jobs (id, tenant, target, selection, rate_per_sec, total, status, created_by, heartbeat_at)
       VALUES ($1, $2, 'original', $3, $4, $5, 'running', 'bench', now())`,
      [job.id, tenant, JSON.stringify(job.selection), job.rate_per_sec, Number(ceiling[0]!.n)],
    );
    const replayProducer = createProducer(kafka);
    await replayProducer.connect();
    stops.push(() => replayProducer.disconnect());
    started = performance.now();
    await runReplayJob({ pool, producer: replayProducer, batchSize: 5_000 }, job);
    const replaySeconds = (performance.now() - started) / 1000;
    const { rows: finished } = await pool.query<{ status: string; done: number; error: string | null }>(
      "SELECT status, done, error FROM dlq_replay_jobs WHERE id = $1",
      [job.id],
    );
    if (finished[0]!.status !== "succeeded")
      throw new Error(`replay job ${finished[0]!.status}: ${finished[0]!.error}`);
    const replayRate = finished[0]!.done / replaySeconds;
    console.log(`replayed ${finished[0]!.done} records to ${topics.updates} in ${replaySeconds.toFixed(1)} s`);

    console.log(
      `dlq: ${MESSAGES} messages, first page p95 ${firstP95.toFixed(1)} ms, filtered page p95 ${filteredP95.toFixed(1)} ms, replay ${Math.round(replayRate)} msgs/s`,
    );
  } finally {
    await disconnectPrisma().catch(() => undefined);
    await closeDlqReadPool().catch(() => undefined);
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
