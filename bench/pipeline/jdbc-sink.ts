/**
 * The peer: Debezium's JDBC sink connector (io.debezium:debezium-connector-jdbc 3.6.0.Final, the
 * newest Maven Central serves whole; scripts/connect/pom.xml) on the stack's Kafka Connect worker
 * (scripts/stack/connect.ts), applying the same changes to its own copy of the target tables in
 * the same Postgres. BENCH_ONLY=jdbc runs SyncDeck's throughput and latency phases and this one.
 *
 * Same: the changes (the throughput phase's workload, same seed, BENCH_JDBC_UPDATES, default
 * BENCH_UPDATES of them), the rows they leave (jdbc-records.ts: the target row per entity, a
 * delete as deleted = true), the tables' columns, keys and indexes (CREATE TABLE … LIKE
 * target_* INCLUDING ALL), the parallelism (tasks.max = BENCH_PROCESSORS), the partitions.
 * Different, and why:
 * - Records. The updates topic carries schemaless JSON that only SyncDeck's zod contract
 *   describes; the JDBC sink needs records with a schema. So it reads two topics of its own (one
 *   per table, the topic naming the table), each record the target row with its schema inline
 *   (JsonConverter schemas.enable=true: what a Debezium source gives after ExtractNewRecordState,
 *   flattened already so no transform runs). Those records are ~3× larger than the canonical
 *   updates. Decimals, dates and timestamps travel as text and the sink's connection casts them
 *   (stringtype=unspecified), as the canonical update's do.
 * - No version guard: the sink upserts whatever arrives last on the key's partition; SyncDeck's
 *   upsert keeps a row whose LSN is newer (replays, redeliveries). In-order delivery makes both end
 *   the same here.
 * - No event trail, no UnknownMember check (claims before their member), no retry/DLQ routing:
 *   the sink writes the rows only, SyncDeck also a trail row per message in the same transaction.
 * - applied_at keeps the column default (first insert time) on the sink's rows.
 * Tuning as the sink's documentation advises: insert.mode=upsert with primary.key.mode=record_key,
 * batch.size raised (default 500; here BENCH_JDBC_BATCH, default 5,000) with
 * consumer.override.max.poll.records raised to match (else a poll caps the batch),
 * use.reduction.buffer=true (one write per key per batch, as SyncDeck's planBatch), and
 * reWriteBatchedInserts=true on the Postgres JDBC URL.
 *
 * Throughput: everything produced first, then the connector created; timed from its creation (so
 * its tasks' start, Hibernate's boot, is in it, as the processors' start is in theirs: drains of
 * a few thousand records measure mostly that) to the commit of the last row (max
 * pg_xact_commit_timestamp), once a count and version-sum poll every second shows every row at
 * its last version. CPU per update: the worker's and Postgres's CPU-seconds over the drain
 * (Kafka's left out on both sides). Latency: the connector running, records
 * offered at BENCH_RATE/s for BENCH_LATENCY_SECONDS after the warm-up, each stamped with its send
 * time; latency = commit time of the row − that. Only a row's last version keeps its commit
 * time, so rows changed again within the window count once (SyncDeck's latency counts every
 * message from its trail); without track_commit_timestamp the sink's latency is not measured.
 */
import path from "node:path";
import type { Message, Producer } from "kafkajs";
import { retryRetriable } from "@/lib/kafka/client";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { percentile } from "../stats";
import {
  fmt,
  LATENCY_SECONDS,
  load,
  PARTITIONS,
  PROCESSORS,
  RATE,
  sleep,
  suffix,
  UPDATES,
  WARMUP_SECONDS,
} from "./config";
import { childrenOf, cpuReport, cpuSeconds, cpuSnapshot } from "./measure";
import { offerAtRate } from "./produce";
import { SinkExpectation, sinkRecord, type SinkTopics } from "./jdbc-records";
import type { BenchContext } from "./setup";
import { Workload } from "./workload";

const JDBC_UPDATES = Number(process.env.BENCH_JDBC_UPDATES || UPDATES);
/** Records per write, and per consumer poll (the docs: a smaller max.poll.records caps batch.size). */
const JDBC_BATCH = Number(process.env.BENCH_JDBC_BATCH || 5_000);
const CONNECTOR = `bench-jdbc-sink-${suffix}`;
const DRAIN_TIMEOUT_MS = 60 * 60_000;

/** cpuPerUpdateUs: the Connect worker's and Postgres's CPU per applied record during the drain. */
export type SinkResult = { rate: number; p99: number; lost: number; cpuPerUpdateUs: number };

/** `postgres://user:pass@host:port/db` as the sink's JDBC URL and credentials. */
export function jdbcConnection(databaseUrl: string): { url: string; username: string; password: string } {
  const u = new URL(databaseUrl);
  const params = new URLSearchParams({ reWriteBatchedInserts: "true", stringtype: "unspecified" });
  return {
    url: `jdbc:postgresql://${u.hostname}:${u.port || 5432}${u.pathname}?${params}`,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

export function sinkConnectorConfig(topics: SinkTopics, databaseUrl: string): Record<string, string> {
  const db = jdbcConnection(databaseUrl);
  const json = "org.apache.kafka.connect.json.JsonConverter";
  return {
    "connector.class": "io.debezium.connector.jdbc.JdbcSinkConnector",
    "tasks.max": String(PROCESSORS),
    topics: `${topics.members},${topics.claims}`,
    "connection.url": db.url,
    "connection.username": db.username,
    "connection.password": db.password,
    "insert.mode": "upsert",
    "primary.key.mode": "record_key",
    "delete.enabled": "false",
    "schema.evolution": "none",
    "collection.name.format": "${topic}",
    "batch.size": String(JDBC_BATCH),
    "consumer.override.max.poll.records": String(JDBC_BATCH),
    "use.reduction.buffer": "true",
    "key.converter": json,
    "key.converter.schemas.enable": "true",
    "value.converter": json,
    "value.converter.schemas.enable": "true",
  };
}

export async function jdbcSinkStage(ctx: BenchContext): Promise<SinkResult> {
  const topics: SinkTopics = { members: `jdbc_members_${suffix}`, claims: `jdbc_claims_${suffix}` };
  const { pool, admin, producer } = ctx;
  for (const [topic, like] of [
    [topics.members, "target_members"],
    [topics.claims, "target_claims"],
  ] as const)
    await pool.query(`CREATE TABLE ${topic} (LIKE ${like} INCLUDING ALL)`);
  await retryRetriable(() =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [topics.members, topics.claims].map((topic) => ({ topic, numPartitions: PARTITIONS })),
    }),
  );
  // The throughput phase's tenant name and seed: the same changes, row for row.
  const work = new Workload(`bench-tp-${suffix}`, 1);
  const expected = new SinkExpectation();
  const t0 = performance.now();
  await preloadSink(producer, work, topics, expected, JDBC_UPDATES);
  console.log(
    `jdbc sink: produced ${fmt(JDBC_UPDATES)} records to ${topics.members} and ${topics.claims} (${PARTITIONS} partitions each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const connect = await startConnect({
    brokers: process.env.KAFKA_BROKERS!,
    dataDir: path.join(path.dirname(ctx.logDir), "connect"),
    groupId: `bench-connect-${suffix}`,
    log: (line) => console.log(`jdbc sink: ${line}`),
  });
  try {
    const components = () => {
      const postmaster = ctx.stack.postmasterPid?.();
      return { connect: [connect.pid], postgres: postmaster ? [postmaster, ...childrenOf(postmaster)] : [] };
    };
    const cpuBefore = cpuSnapshot(components());
    const createdAtMs = Date.now();
    await createConnector(connect, sinkConnectorConfig(topics, ctx.stack.databaseUrl));
    await waitApplied(ctx, connect, topics, expected, DRAIN_TIMEOUT_MS);
    const cpuWall = (Date.now() - createdAtMs) / 1000;
    const cpuAfter = cpuSnapshot(components());
    const lastMs = await lastCommitMs(ctx, topics);
    const seconds = (lastMs - createdAtMs) / 1000;
    const rate = JDBC_UPDATES / seconds;
    const lost = await lostRows(ctx, topics, work);
    console.log(
      `jdbc sink throughput: ${fmt(JDBC_UPDATES)} records applied by ${PROCESSORS} task(s) in ${seconds.toFixed(1)} s from connector creation = ${fmt(rate)}/s; ` +
        `batch.size ${fmt(JDBC_BATCH)}; lost ${lost} (${load()})`,
    );
    console.log(`jdbc sink phase ${cpuReport(cpuBefore, cpuAfter, cpuWall)}`);
    const cpuPerUpdateUs = (1e6 * cpuSeconds(cpuBefore, cpuAfter)) / JDBC_UPDATES;

    let p99 = Number.NaN;
    if (ctx.commitTs) {
      await produceSinkAtRate(producer, work, topics, expected, RATE, WARMUP_SECONDS);
      const fromMs = Date.now();
      const offered = await produceSinkAtRate(producer, work, topics, expected, RATE, LATENCY_SECONDS);
      const toMs = Date.now();
      const loadAtRate = load();
      await waitApplied(ctx, connect, topics, expected, 10 * 60_000);
      const latencies = await rowLatencies(ctx, topics, fromMs, toMs);
      p99 = percentile(latencies, 99);
      console.log(
        `jdbc sink latency: offered ${fmt(offered / LATENCY_SECONDS)}/s for ${LATENCY_SECONDS} s after ${WARMUP_SECONDS} s warm-up; ${fmt(latencies.length)} rows at their last version: ` +
          `p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms (${loadAtRate})`,
      );
    } else console.log("jdbc sink latency: not measured (the target does not record commit timestamps)");
    return { rate, p99, lost, cpuPerUpdateUs };
  } finally {
    await fetch(`${connect.url}/connectors/${CONNECTOR}`, { method: "DELETE" }).catch(() => {});
    await connect.stop();
  }
}

async function createConnector(connect: RunningConnect, config: Record<string, string>): Promise<void> {
  const response = await fetch(`${connect.url}/connectors`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: CONNECTOR, config }),
  });
  if (!response.ok) throw new Error(`creating the JDBC sink connector: ${response.status} ${await response.text()}`);
}

/** Task failures end the wait at once (with Connect's trace) instead of at the timeout. */
async function failedTasks(connect: RunningConnect): Promise<string | undefined> {
  const response = await fetch(`${connect.url}/connectors/${CONNECTOR}/status`).catch(() => undefined);
  if (!response?.ok) return undefined;
  const status = (await response.json()) as {
    connector?: { state?: string; trace?: string };
    tasks?: Array<{ id: number; state: string; trace?: string }>;
  };
  const failed = [
    ...(status.connector?.state === "FAILED" ? [`connector: ${status.connector.trace ?? ""}`] : []),
    ...(status.tasks ?? []).filter((t) => t.state === "FAILED").map((t) => `task ${t.id}: ${t.trace ?? ""}`),
  ];
  return failed.length ? failed.map((f) => f.split("\n").slice(0, 12).join("\n")).join("\n") : undefined;
}

async function tableState(ctx: BenchContext, topics: SinkTopics): Promise<{ rows: number; versionSum: number }> {
  const { rows } = await ctx.pool.query<{ rows: number; version_sum: string }>(
    `SELECT sum(n)::int AS rows, sum(v)::text AS version_sum FROM (
       SELECT count(*) AS n, coalesce(sum(source_version), 0) AS v FROM ${topics.members}
       UNION ALL SELECT count(*), coalesce(sum(source_version), 0) FROM ${topics.claims}) s`,
  );
  return { rows: rows[0]!.rows, versionSum: Number(rows[0]!.version_sum) };
}

async function waitApplied(
  ctx: BenchContext,
  connect: RunningConnect,
  topics: SinkTopics,
  expected: SinkExpectation,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const state = await tableState(ctx, topics);
    if (expected.reached(state)) return;
    const failure = await failedTasks(connect);
    if (failure) throw new Error(`the JDBC sink failed:\n${failure}`);
    if (Date.now() > deadline)
      throw new Error(
        `the JDBC sink did not apply everything in ${timeoutMs / 1000} s (${fmt(state.rows)} of ${fmt(expected.rows)} rows)`,
      );
    if (Date.now() - lastReport > 30_000) {
      console.log(`jdbc sink: ${fmt(state.rows)} of ${fmt(expected.rows)} rows … (${load()})`);
      lastReport = Date.now();
    }
    await sleep(1_000);
  }
}

async function lastCommitMs(ctx: BenchContext, topics: SinkTopics): Promise<number> {
  const at = ctx.committedAt === "processed_at" ? "now()" : "pg_xact_commit_timestamp(xmin)";
  const { rows } = await ctx.pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM max(at)) * 1000 AS ms FROM (
       SELECT max(${at}) AS at FROM ${topics.members} UNION ALL SELECT max(${at}) FROM ${topics.claims}) s`,
  );
  return Number(rows[0]!.ms);
}

/** Entities missing from the sink's tables or not at their last produced LSN (as measure.ts's lostEntities). */
async function lostRows(ctx: BenchContext, topics: SinkTopics, work: Workload): Promise<number> {
  let lost = 0;
  const check = async (table: string, idColumn: string, prefix: string, lsns: number[]) => {
    const { rows } = await ctx.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($2::text[], $3::numeric[]) AS e(id, lsn)
       LEFT JOIN ${table} t ON t.tenant = $1 AND t.${idColumn} = e.id
       WHERE t.${idColumn} IS NULL OR t.source_lsn <> e.lsn`,
      [work.tenant, lsns.map((_, i) => `${prefix}${i}`), lsns.map(String)],
    );
    lost += rows[0]!.n;
  };
  await check(topics.members, "member_id", "M", work.memberLsn);
  await check(topics.claims, "claim_id", "C-", work.claimLsn);
  return lost;
}

async function rowLatencies(ctx: BenchContext, topics: SinkTopics, fromMs: number, toMs: number): Promise<number[]> {
  const { rows } = await ctx.pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (pg_xact_commit_timestamp(xmin) - source_ts)) * 1000 AS ms FROM ${topics.members} WHERE source_ts >= $1 AND source_ts < $2
     UNION ALL
     SELECT extract(epoch FROM (pg_xact_commit_timestamp(xmin) - source_ts)) * 1000 FROM ${topics.claims} WHERE source_ts >= $1 AND source_ts < $2`,
    [new Date(fromMs).toISOString(), new Date(toMs).toISOString()],
  );
  return rows.map((r) => Number(r.ms));
}

/** Records per send: the inline schemas make them ~1.5 kB, and a partition's batch must stay under the broker's 1 MB. */
const CHUNK = 2_500;

function batchOf(
  work: Workload,
  topics: SinkTopics,
  expected: SinkExpectation,
  count: number,
  tsMs: number,
): Array<{ topic: string; messages: Message[] }> {
  const byTopic: Record<string, Message[]> = { [topics.members]: [], [topics.claims]: [] };
  for (let i = 0; i < count; i++) {
    const update = work.next(tsMs);
    expected.add(update);
    const { topic, message } = sinkRecord(update, topics);
    byTopic[topic]!.push(message);
  }
  return Object.entries(byTopic)
    .filter(([, messages]) => messages.length > 0)
    .map(([topic, messages]) => ({ topic, messages }));
}

/** As produce.ts's preload: one send at a time (a member's first upsert stays ahead of its claims). */
async function preloadSink(
  producer: Producer,
  work: Workload,
  topics: SinkTopics,
  expected: SinkExpectation,
  count: number,
): Promise<void> {
  let pending: Promise<unknown> | undefined;
  for (let sent = 0; sent < count;) {
    const n = Math.min(CHUNK, count - sent);
    const topicMessages = batchOf(work, topics, expected, n, Date.now());
    await pending;
    pending = producer.sendBatch({ acks: -1, topicMessages });
    sent += n;
  }
  await pending;
}

/** As produce.ts's produceAtRate, to the sink's topics, at most a chunk per send (the broker's batch limit). */
const produceSinkAtRate = (
  producer: Producer,
  work: Workload,
  topics: SinkTopics,
  expected: SinkExpectation,
  rate: number,
  seconds: number,
): Promise<number> =>
  offerAtRate(
    rate,
    seconds,
    (count, now) => producer.sendBatch({ acks: -1, topicMessages: batchOf(work, topics, expected, count, now) }),
    CHUNK,
  );
