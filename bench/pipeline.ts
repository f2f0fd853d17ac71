/**
 * `npm run bench:pipeline`: the update path (sync.<t>.updates → update-processor → target Postgres)
 * on a local broker and embedded Postgres of its own (unless KAFKA_BROKERS / DATABASE_URL are set).
 *
 * 1. Throughput: BENCH_UPDATES (default 2,000,000) realistic claim/member updates are produced
 *    first, then BENCH_PROCESSORS (default 2) real update-processor child processes
 *    (`node --import tsx pipeline/update-processor/index.ts --tenant <t>`) are started; timed from
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
 * BENCH_PROCESSOR_NODE_ARGS adds node flags to the processor children (e.g. --cpu-prof).
 * Last line:
 *   pipeline: <N> updates/s sustained, p50 <a> ms, p99 <b> ms source-to-target at <r>/s, lost <l>, duplicated <d>
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin, type Kafka, type Message, type Producer } from "kafkajs";
import pg from "pg";
import { createKafka, createProducer, retryRetriable } from "@/lib/kafka/client";
import { applyMigrations } from "../server/db/migrate";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { CLAIM_ON_CONFLICT, MEMBER_ON_CONFLICT } from "../pipeline/update-processor/apply";
import { decodeUpdate, toMessageRef } from "../pipeline/update-processor/plan";
import { seededRng, type Rng } from "../pipeline/source-simulator/generator";
import { CITIES, DRUGS, FIRST_NAMES, LAST_NAMES, PHARMACY_IDS, PLAN_IDS, STREETS, STREET_SUFFIXES } from "../pipeline/source-simulator/reference-data";
import { startKafka } from "../scripts/stack/kafka";
import { REPO_ROOT } from "../scripts/stack/maven";
import { startPostgres, type RunningPostgres } from "../scripts/stack/postgres";
import { spawnManaged, tailLines, type ManagedProcess } from "../scripts/stack/process";
import { retryDispatchPhase } from "./retry-dispatch";
import { percentile } from "./stats";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const UPDATES = int("BENCH_UPDATES", 2_000_000);
const PROCESSORS = int("BENCH_PROCESSORS", 2);
const PARTITIONS = int("BENCH_PARTITIONS", 6);
const RATE = int("BENCH_RATE", 5_000);
const LATENCY_SECONDS = int("BENCH_LATENCY_SECONDS", 30);
const WARMUP_SECONDS = 5;
const NAIVE_UPDATES = int("BENCH_NAIVE_UPDATES", 20_000);
const POISON_UPDATES = int("BENCH_POISON_UPDATES", 250_000);
const POISON_EVERY = int("BENCH_POISON_EVERY", 100);
const RETRY_FAILURES = int("BENCH_RETRY_FAILURES", 3_000);
const RETRY_SPREAD_SECONDS = int("BENCH_RETRY_SPREAD_SECONDS", 20);
const RETRY_DELAYS_MS = (process.env.BENCH_RETRY_DELAYS_MS || "1000,10000,30000").split(",").map(Number);
/** "retry": only the retry dispatch phase */
const ONLY = process.env.BENCH_ONLY;
const PRODUCE_CHUNK = 5_000;
/** extra node flags for the update-processor children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" */
const PROCESSOR_NODE_ARGS = (process.env.BENCH_PROCESSOR_NODE_ARGS ?? "").split(" ").filter(Boolean);
const suffix = randomUUID().replaceAll("-", "").slice(0, 8);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const load = () => `load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`;

// ---------------------------------------------------------------------------------------------
// Realistic updates: new members, address changes, new claims, status changes, reversals,
// deletions. Keyed by member id; a member's first upsert precedes its claims on its partition.

class Workload {
  private readonly rng: Rng;
  private lsn = 1_000_000_000; // increasing like a WAL position; far below 2^53
  readonly memberLsn: number[] = [];
  private readonly memberVersion: number[] = [];
  readonly claimLsn: number[] = [];
  private readonly claimMember: number[] = [];
  private readonly claimDrug: number[] = [];
  private readonly claimStatus: Array<"PENDING" | "PAID" | "REJECTED" | "REVERSED"> = [];
  private readonly claimVersion: number[] = [];
  readonly claimDeleted: boolean[] = [];
  readonly topics: ReturnType<typeof tenantTopics>;

  constructor(
    readonly tenant: string,
    seed: number,
  ) {
    this.rng = seededRng(seed);
    this.topics = tenantTopics(tenant);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rng() * list.length)]!;
  }

  private provenance(table: "members" | "claims", version: number, tsMs: number) {
    this.lsn += 1 + Math.floor(this.rng() * 40);
    return {
      tenant: this.tenant,
      sourceLsn: String(this.lsn),
      sourceVersion: version,
      sourceTsMs: tsMs,
      cdcTopic: this.topics.cdc(table),
      cdcPartition: 0,
      cdcOffset: String(this.lsn),
    };
  }

  private member(seq: number, tsMs: number): CanonicalUpdate {
    const version = (this.memberVersion[seq] ?? 0) + 1;
    this.memberVersion[seq] = version;
    const id = `M${seq}`;
    const place = this.pick(CITIES);
    const update: CanonicalUpdate = {
      ...this.provenance("members", version, tsMs),
      entity: "member",
      op: "upsert",
      id,
      memberId: id,
      data: {
        memberId: id,
        firstName: this.pick(FIRST_NAMES),
        lastName: this.pick(LAST_NAMES),
        dateOfBirth: `19${40 + (seq % 60)}-${String(1 + (seq % 12)).padStart(2, "0")}-${String(1 + (seq % 28)).padStart(2, "0")}`,
        addressLine: `${1 + Math.floor(this.rng() * 9_000)} ${this.pick(STREETS)} ${this.pick(STREET_SUFFIXES)}`,
        city: place.city,
        state: place.state,
        postalCode: `${place.zip3}${String(Math.floor(this.rng() * 100)).padStart(2, "0")}`,
        planId: PLAN_IDS[seq % PLAN_IDS.length]!,
        status: "ACTIVE",
      },
    };
    this.memberLsn[seq] = Number(update.sourceLsn);
    return update;
  }

  private claim(seq: number, op: "upsert" | "delete", tsMs: number): CanonicalUpdate {
    const version = (this.claimVersion[seq] ?? 0) + 1;
    this.claimVersion[seq] = version;
    const id = `C-${seq}`;
    const memberId = `M${this.claimMember[seq]!}`;
    const drug = DRUGS[this.claimDrug[seq]!]!;
    const billed = drug.quantity * drug.unitPrice * 1.2 + 2.5;
    const status = this.claimStatus[seq]!;
    const update: CanonicalUpdate = {
      ...this.provenance("claims", version, tsMs),
      entity: "claim",
      op,
      id,
      memberId,
      data:
        op === "delete"
          ? null
          : {
              claimId: id,
              memberId,
              ndc: drug.ndc,
              drugName: drug.name,
              pharmacyId: PHARMACY_IDS[seq % PHARMACY_IDS.length]!,
              quantity: drug.quantity,
              daysSupply: drug.daysSupply,
              amountBilled: billed.toFixed(2),
              amountPaid: status === "PAID" || status === "REVERSED" ? (billed * 0.85).toFixed(2) : "0.00",
              status,
              fillDate: `2026-${String(1 + (seq % 11)).padStart(2, "0")}-${String(1 + (seq % 28)).padStart(2, "0")}`,
            },
    };
    this.claimLsn[seq] = Number(update.sourceLsn);
    if (op === "delete") this.claimDeleted[seq] = true;
    return update;
  }

  /** A recent live claim (status changes and reversals happen to recent fills), or undefined. */
  private recentClaim(): number | undefined {
    const n = this.claimLsn.length;
    if (n === 0) return undefined;
    const seq = n - 1 - Math.floor(this.rng() * Math.min(n, 20_000));
    return this.claimDeleted[seq] ? undefined : seq;
  }

  next(tsMs: number): CanonicalUpdate {
    const r = this.rng();
    const members = this.memberLsn.length;
    if (members < 100 || r < 0.08) return this.member(members, tsMs); // new member
    if (r < 0.12) return this.member(Math.floor(this.rng() * members), tsMs); // address change
    if (r >= 0.62) {
      const seq = this.recentClaim();
      if (seq !== undefined) {
        if (r >= 0.99) return this.claim(seq, "delete", tsMs);
        const current = this.claimStatus[seq]!;
        this.claimStatus[seq] = r >= 0.92 ? "REVERSED" : current === "PENDING" ? (this.rng() < 0.9 ? "PAID" : "REJECTED") : current === "PAID" ? "REVERSED" : "PAID";
        return this.claim(seq, "upsert", tsMs);
      }
    }
    const seq = this.claimLsn.length; // new claim
    this.claimMember[seq] = Math.floor(this.rng() * members);
    this.claimDrug[seq] = Math.floor(this.rng() * DRUGS.length);
    this.claimStatus[seq] = this.rng() < 0.7 ? "PAID" : "PENDING";
    return this.claim(seq, "upsert", tsMs);
  }

  /** Every `poisonEvery`-th message is poison (0 = none), cycling through POISON_KINDS. */
  poisonEvery = 0;
  private sent = 0;
  poisonSent = 0;

  message(tsMs: number): Message {
    if (this.poisonEvery && ++this.sent % this.poisonEvery === 0) return poisonMessage(this.tenant, this.poisonSent++, tsMs);
    const update = this.next(tsMs);
    return { key: update.memberId, value: JSON.stringify(update) };
  }
}

/**
 * The poison the update path meets, in equal shares: not JSON, invalid to the schema, another
 * tenant's update, text Postgres cannot store (U+0000), and a claim whose member never arrives (to
 * the retry topic). None touches the workload's entities.
 */
const POISON_KINDS = ["malformed", "invalid", "wrong-tenant", "nul-in-text", "unknown-member"] as const;

function poisonMessage(tenant: string, n: number, tsMs: number): Message {
  const kind = POISON_KINDS[n % POISON_KINDS.length]!;
  const id = `P${n}`;
  if (kind === "malformed") return { key: id, value: `{"poison ${n}` };
  const provenance = { tenant, sourceLsn: String(n + 1), sourceVersion: 1, sourceTsMs: tsMs, cdcTopic: `sync.${tenant}.cdc.claims`, cdcPartition: 0, cdcOffset: "0" };
  const member = (city: string, owner = tenant) => ({
    ...provenance,
    tenant: owner,
    entity: "member",
    op: "upsert",
    id,
    memberId: id,
    data: { memberId: id, firstName: "Poison", lastName: "Pill", dateOfBirth: "1970-01-01", addressLine: "", city, state: "IL", postalCode: "", planId: "", status: "ACTIVE" },
  });
  const claim = (ndc: string) => ({
    ...provenance,
    entity: "claim",
    op: "upsert",
    id: `C-${id}`,
    memberId: id,
    data: { claimId: `C-${id}`, memberId: id, ndc, drugName: "X", pharmacyId: "PH-1", quantity: 1, daysSupply: 1, amountBilled: "1.00", amountPaid: "0.00", status: "PAID", fillDate: "2026-11-20" },
  });
  const value =
    kind === "invalid" ? claim("123") : kind === "wrong-tenant" ? member("x", "someone-else") : kind === "nul-in-text" ? member("Spring\u0000field") : claim("00093715301");
  return { key: id, value: JSON.stringify(value) };
}

// ---------------------------------------------------------------------------------------------
// Producing

async function preload(producer: Producer, work: Workload, count: number): Promise<void> {
  // One send at a time: concurrent sends may reach the broker out of order, and a claim ahead of
  // its member's first upsert would (rightly) go to the retry topic, which nothing drains here.
  // The next chunk is built while the previous one is in flight.
  let pending: Promise<unknown> | undefined;
  for (let sent = 0; sent < count; ) {
    const n = Math.min(PRODUCE_CHUNK, count - sent);
    const now = Date.now();
    const messages = Array.from({ length: n }, () => work.message(now));
    await pending;
    pending = producer.send({ topic: work.topics.updates, acks: -1, messages });
    sent += n;
  }
  await pending;
}

/** Offers `rate` updates/s for `seconds`, each stamped with its send time. Returns how many. */
async function produceAtRate(producer: Producer, work: Workload, rate: number, seconds: number): Promise<number> {
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  let failure: unknown;
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1000) break;
    const due = Math.floor((rate * elapsed) / 1000) - sent;
    if (due > 0) {
      const now = Date.now();
      const messages = Array.from({ length: due }, () => work.message(now));
      const p = producer
        .send({ topic: work.topics.updates, acks: -1, messages })
        .catch((error: unknown) => (failure = error))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      sent += due;
    }
    if (failure) throw failure;
    await sleep(5);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return sent;
}

// ---------------------------------------------------------------------------------------------
// Processors (real child processes) and progress

function startUpdateProcessors(tenant: string, count: number, env: NodeJS.ProcessEnv, logDir: string): ManagedProcess[] {
  return Array.from({ length: count }, (_, i) =>
    spawnManaged(process.execPath, [...PROCESSOR_NODE_ARGS, "--import", "tsx", path.join(REPO_ROOT, "pipeline/update-processor/index.ts"), "--tenant", tenant, "--instance-id", `${tenant}-bench-${i + 1}`], {
      cwd: REPO_ROOT,
      env,
      outputFile: path.join(logDir, `update-processor-${tenant}-${i + 1}.log`),
    }),
  );
}

async function stopAll(processors: ManagedProcess[]): Promise<void> {
  await Promise.all(processors.map((p) => p.stop(20_000)));
}

/** Messages the group has not committed yet on the tenant's updates topic. */
async function remaining(admin: Admin, tenant: string): Promise<number> {
  const topic = tenantTopics(tenant).updates;
  const [ends, committed] = await Promise.all([
    retryRetriable(() => admin.fetchTopicOffsets(topic)),
    retryRetriable(() => admin.fetchOffsets({ groupId: consumerGroup(tenant, "update-processor"), topics: [topic] })),
  ]);
  const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(0, done.get(p.partition) ?? 0), 0);
}

async function waitDrained(admin: Admin, tenant: string, processors: ManagedProcess[], logDir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const left = await remaining(admin, tenant);
    if (left === 0) return;
    const dead = processors.find((p) => p.hasExited());
    if (dead) throw new Error(`an update-processor exited early; log tail:\n${newestLogTail(logDir)}`);
    if (Date.now() > deadline) throw new Error(`timed out with ${left} message(s) unapplied; log tail:\n${newestLogTail(logDir)}`);
    if (Date.now() - lastReport > 10_000) {
      console.log(`  … ${fmt(left)} left (${load()})`);
      lastReport = Date.now();
    }
    await sleep(200);
  }
}

function newestLogTail(logDir: string): string {
  return fs
    .readdirSync(logDir)
    .map((f) => `${f}:\n${tailLines(path.join(logDir, f), 15).join("\n")}`)
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// Where the CPU goes: user+system seconds per component, from /proc (Linux; empty elsewhere).

const CLOCK_TICKS = 100;

function procStat(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" "); // [0] = field 3 (state)
  } catch {
    return undefined;
  }
}

const cpuOf = (pid: number) => {
  const f = procStat(pid);
  return f ? (Number(f[11]) + Number(f[12])) / CLOCK_TICKS : undefined;
};

function childrenOf(parent: number): number[] {
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => Number(procStat(pid)?.[1]) === parent);
}

type CpuSnapshot = Map<string, Map<number, number>>;

function cpuSnapshot(components: Record<string, number[]>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const [name, pids] of Object.entries(components)) {
    const perPid = new Map<number, number>();
    for (const pid of pids) {
      const cpu = cpuOf(pid);
      if (cpu !== undefined) perPid.set(pid, cpu);
    }
    snapshot.set(name, perPid);
  }
  return snapshot;
}

function cpuReport(before: CpuSnapshot, after: CpuSnapshot, wallSeconds: number): string {
  const parts = [...after].map(([name, perPid]) => {
    let seconds = 0;
    for (const [pid, cpu] of perPid) seconds += cpu - (before.get(name)?.get(pid) ?? 0);
    return `${name} ${seconds.toFixed(1)}`;
  });
  return `CPU-seconds over ${wallSeconds.toFixed(1)} s wall (${(wallSeconds * os.cpus().length).toFixed(0)} available on ${os.cpus().length} cores): ${parts.join(", ")}`;
}

// ---------------------------------------------------------------------------------------------
// Checks

async function lostEntities(pool: pg.Pool, work: Workload): Promise<number> {
  let lost = 0;
  const check = async (table: "target_members" | "target_claims", idColumn: string, prefix: string, lsns: number[]) => {
    const CHUNK = 100_000;
    for (let from = 0; from < lsns.length; from += CHUNK) {
      const slice = lsns.slice(from, from + CHUNK);
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM unnest($2::text[], $3::numeric[]) AS e(id, lsn)
         LEFT JOIN ${table} t ON t.tenant = $1 AND t.${idColumn} = e.id
         WHERE t.${idColumn} IS NULL OR t.source_lsn <> e.lsn`,
        [work.tenant, slice.map((_, i) => `${prefix}${from + i}`), slice.map(String)],
      );
      lost += rows[0]!.n;
    }
  };
  await check("target_members", "member_id", "M", work.memberLsn);
  await check("target_claims", "claim_id", "C-", work.claimLsn);
  return lost;
}

async function duplicatedApplies(pool: pg.Pool, tenant: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM event_trail WHERE tenant = $1 AND stage = 'update-processor' AND outcome = 'applied'
       GROUP BY entity_ref, source_lsn HAVING count(*) > 1) d`,
    [tenant],
  );
  return rows[0]!.n;
}

async function trailSummary(pool: pg.Pool, tenant: string, committedAt: string) {
  const { rows } = await pool.query<{ rows: number; outcomes: string; first_ms: number; last_ms: number }>(
    `SELECT count(*)::int AS rows, string_agg(DISTINCT outcome, ',') AS outcomes,
       extract(epoch FROM min(${committedAt})) * 1000 AS first_ms, extract(epoch FROM max(${committedAt})) * 1000 AS last_ms
     FROM event_trail WHERE tenant = $1 AND stage = 'update-processor'`,
    [tenant],
  );
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// Naive baseline: one message at a time, one autocommit upsert per message.

const NAIVE_MEMBER = `
  INSERT INTO target_members AS t (tenant, member_id, first_name, last_name, date_of_birth, address_line, city, state,
    postal_code, plan_id, status, source_lsn, source_version, source_ts, applied_at, deleted)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now(), $15)
  ${MEMBER_ON_CONFLICT}`;

const NAIVE_CLAIM = `
  INSERT INTO target_claims AS t (tenant, claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply,
    amount_billed, amount_paid, status, fill_date, source_lsn, source_version, source_ts, applied_at, deleted)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now(), $16)
  ${CLAIM_ON_CONFLICT}`;

async function naiveApply(client: pg.PoolClient, u: CanonicalUpdate): Promise<void> {
  const ts = new Date(u.sourceTsMs).toISOString();
  const del = u.op === "delete";
  if (u.entity === "member") {
    const d = u.data;
    await client.query(NAIVE_MEMBER, [u.tenant, u.id, d?.firstName, d?.lastName, d?.dateOfBirth, d?.addressLine, d?.city, d?.state, d?.postalCode, d?.planId, d?.status, u.sourceLsn, u.sourceVersion, ts, del]);
  } else {
    const d = u.data;
    await client.query(NAIVE_CLAIM, [u.tenant, u.id, u.memberId, d?.ndc, d?.drugName, d?.pharmacyId, d?.quantity, d?.daysSupply, d?.amountBilled, d?.amountPaid, d?.status, d?.fillDate, u.sourceLsn, u.sourceVersion, ts, del]);
  }
}

async function naiveBaseline(kafka: Kafka, admin: Admin, producer: Producer, pool: pg.Pool): Promise<{ rate: number; lost: number }> {
  const tenant = `bench-naive-${suffix}`;
  await ensureTenantTopics(admin, tenant, PARTITIONS);
  const work = new Workload(tenant, 3);
  await preload(producer, work, NAIVE_UPDATES);
  const ends = new Map((await retryRetriable(() => admin.fetchTopicOffsets(work.topics.updates))).map((p) => [p.partition, Number(p.high)]));
  const reached = new Map<number, number>();
  const allReached = () => [...ends].every(([partition, high]) => (reached.get(partition) ?? 0) >= high);
  const consumer = kafka.consumer({ groupId: consumerGroup(tenant, "update-processor"), maxWaitTimeInMs: 100 });
  const client = await pool.connect();
  let started = 0;
  let finished = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [work.topics.updates], fromBeginning: true });
    started = performance.now();
    await consumer.run({
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ topic, partition, message }) => {
        const decoded = decodeUpdate(toMessageRef(topic, partition, message), tenant);
        if (decoded.kind !== "update") throw new Error(`naive baseline: ${decoded.errorClass} ${decoded.errorMessage}`);
        await naiveApply(client, decoded.update);
        reached.set(partition, Math.max(reached.get(partition) ?? 0, Number(message.offset) + 1));
        if (!finished && allReached()) finished = performance.now();
      },
    });
    const deadline = Date.now() + 600_000;
    while (!finished && Date.now() < deadline) await sleep(50);
    if (!finished) throw new Error(`naive baseline: not done after 10 min`);
  } finally {
    await consumer.disconnect();
    client.release();
  }
  return { rate: NAIVE_UPDATES / ((finished - started) / 1000), lost: await lostEntities(pool, work) };
}

// ---------------------------------------------------------------------------------------------
// With and without poison: two equal runs on fresh tenants, the same processors and workload.

interface DrainRun {
  seconds: number;
  rate: number;
  lost: number;
  duplicated: number;
}

async function drainRun(
  ctx: { admin: Admin; producer: Producer; pool: pg.Pool; env: NodeJS.ProcessEnv; logDir: string; committedAt: string; track: (p: ManagedProcess[]) => void },
  tenant: string,
  poisonEvery: number,
): Promise<DrainRun> {
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
  return { seconds, rate: POISON_UPDATES / seconds, lost: await lostEntities(ctx.pool, work), duplicated: await duplicatedApplies(ctx.pool, tenant) };
}

async function dlqDepth(admin: Admin, tenant: string): Promise<number> {
  const ends = await retryRetriable(() => admin.fetchTopicOffsets(tenantTopics(tenant).dlq));
  return ends.reduce((sum, p) => sum + Number(p.high), 0);
}

// ---------------------------------------------------------------------------------------------

interface Stack {
  databaseUrl: string;
  cleanup: () => Promise<void>;
  /** pids of what the bench started itself (for CPU accounting) */
  kafkaPid?: number;
  postmasterPid?: () => number | undefined;
}

async function startStack(tmp: string): Promise<Stack> {
  const stops: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  };
  let kafkaPid: number | undefined;
  let postmasterPid: (() => number | undefined) | undefined;
  try {
    if (!process.env.KAFKA_BROKERS) {
      const kafka = await startKafka({ dataDir: path.join(tmp, "kafka") });
      process.env.KAFKA_BROKERS = kafka.brokers;
      kafkaPid = kafka.pid;
      stops.push(kafka.stop);
    }
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const dataDir = path.join(tmp, "postgres");
      let postgres: RunningPostgres = await startPostgres({ dataDir });
      // Commit timestamps let the latency phase use each batch's real commit time.
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query("ALTER SYSTEM SET track_commit_timestamp = on");
      await admin.end();
      await postgres.stop();
      postgres = await startPostgres({ dataDir });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
      postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]) || undefined;
    }
    await applyMigrations(databaseUrl);
    return { databaseUrl, cleanup, kafkaPid, postmasterPid };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-bench-pipeline-"));
  const logDir = path.join(tmp, "logs");
  fs.mkdirSync(logDir);
  let stack: Stack | undefined;
  let running: ManagedProcess[] = [];
  const closers: Array<() => Promise<void>> = [];
  try {
    console.log(`machine: ${os.cpus().length} cores, ${load()}`);
    stack = await startStack(tmp);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: stack.databaseUrl, KAFKA_CLIENT_ID: "syncdeck-bench" };
    const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 3 });
    pool.on("error", () => {}); // an idle client losing its session at shutdown must not crash the bench
    closers.push(() => pool.end());
    const kafka = createKafka(env, { logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = createProducer(kafka);
    await Promise.all([admin.connect(), producer.connect()]);
    closers.push(() => admin.disconnect(), () => producer.disconnect());

    const commitTs = (await pool.query<{ on: boolean }>("SELECT current_setting('track_commit_timestamp') = 'on' AS on")).rows[0]!.on;
    const committedAt = commitTs ? "pg_xact_commit_timestamp(xmin)" : "processed_at";
    console.log(`target commit time: ${commitTs ? "pg_xact_commit_timestamp (track_commit_timestamp=on)" : "processed_at = transaction start (track_commit_timestamp is off: latency understated by the transaction's duration)"}`);

    const retryDispatch = async () => {
      const retry = await retryDispatchPhase({
        kafka, admin, producer, env, logDir, tenant: `bench-retry-${suffix}`, partitions: PARTITIONS,
        failures: RETRY_FAILURES, delaysMs: RETRY_DELAYS_MS, spreadSeconds: RETRY_SPREAD_SECONDS, track: (p) => (running = p),
      });
      console.log(
        `retry dispatch: ${fmt(retry.forwarded)} of ${fmt(RETRY_FAILURES)} retries over ${RETRY_SPREAD_SECONDS} s across tiers ${RETRY_DELAYS_MS.map((d) => `${d / 1000} s`).join(", ")} ` +
          `forwarded ${retry.p50.toFixed(0)} ms (p50), ${retry.p99.toFixed(0)} ms (p99), ${retry.max.toFixed(0)} ms (max) after their due time; early ${retry.early}, not forwarded ${retry.missing} (${load()})`,
      );
      if (retry.missing || retry.early) process.exitCode = 1;
    };
    if (ONLY === "retry") {
      await retryDispatch();
      return;
    }

    // 1. Sustained throughput
    const tpTenant = `bench-tp-${suffix}`;
    await ensureTenantTopics(admin, tpTenant, PARTITIONS);
    const tpWork = new Workload(tpTenant, 1);
    const t0 = performance.now();
    await preload(producer, tpWork, UPDATES);
    console.log(`produced ${fmt(UPDATES)} updates (${fmt(tpWork.memberLsn.length)} members, ${fmt(tpWork.claimLsn.length)} claims) to ${tpWork.topics.updates} (${PARTITIONS} partitions) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const ourStack = stack;
    const components = (): Record<string, number[]> => {
      const postmaster = ourStack.postmasterPid?.();
      return {
        "update-processors": running.map((p) => p.pid),
        postgres: postmaster ? [postmaster, ...childrenOf(postmaster)] : [],
        kafka: ourStack.kafkaPid ? [ourStack.kafkaPid] : [],
        bench: [process.pid],
      };
    };
    const spawnedAtMs = Date.now();
    running = startUpdateProcessors(tpTenant, PROCESSORS, env, logDir);
    const cpuBefore = cpuSnapshot(components());
    let loadDuring = "";
    const loadProbe = setInterval(() => (loadDuring = load()), 5_000);
    try {
      await waitDrained(admin, tpTenant, running, logDir, 30 * 60_000);
    } finally {
      clearInterval(loadProbe);
    }
    const cpuAfter = cpuSnapshot(components());
    const cpuWall = (Date.now() - spawnedAtMs) / 1000;
    await stopAll(running);
    running = [];
    const tp = await trailSummary(pool, tpTenant, committedAt);
    if (tp.outcomes.includes("retried")) console.log("note: some claims went to the retry topic (UnknownMember): their member's first upsert arrived after them");
    if (tp.rows !== UPDATES) console.log(`note: ${fmt(tp.rows)} trail rows for ${fmt(UPDATES)} messages (redeliveries after a rebalance add rows)`);
    const tpSeconds = (tp.last_ms - spawnedAtMs) / 1000;
    const sustained = UPDATES / tpSeconds;
    const steady = UPDATES / ((tp.last_ms - tp.first_ms) / 1000);
    const tpLost = await lostEntities(pool, tpWork);
    const tpDup = await duplicatedApplies(pool, tpTenant);
    console.log(
      `throughput: ${fmt(UPDATES)} updates applied by ${PROCESSORS} update-processor process(es) in ${tpSeconds.toFixed(1)} s from spawn = ${fmt(sustained)}/s ` +
        `(${fmt(steady)}/s first to last commit); outcomes ${tp.outcomes}; lost ${tpLost}, duplicated ${tpDup} (${loadDuring || load()})`,
    );
    console.log(`throughput phase ${cpuReport(cpuBefore, cpuAfter, cpuWall)}`);

    // 2. Latency at a fixed offered rate
    const latTenant = `bench-lat-${suffix}`;
    await ensureTenantTopics(admin, latTenant, PARTITIONS);
    const latWork = new Workload(latTenant, 2);
    running = startUpdateProcessors(latTenant, PROCESSORS, env, logDir);
    await preload(producer, latWork, 1_000); // the group joins and the first batches warm up
    await waitDrained(admin, latTenant, running, logDir, 120_000);
    await produceAtRate(producer, latWork, RATE, WARMUP_SECONDS);
    const measureFromMs = Date.now();
    const offered = await produceAtRate(producer, latWork, RATE, LATENCY_SECONDS);
    const measureToMs = Date.now();
    const loadAtRate = load();
    await waitDrained(admin, latTenant, running, logDir, 120_000);
    await stopAll(running);
    running = [];
    const { rows: lat } = await pool.query<{ ms: number; wait_ms: number }>(
      `SELECT extract(epoch FROM (${committedAt} - source_ts)) * 1000 AS ms, extract(epoch FROM (processed_at - source_ts)) * 1000 AS wait_ms FROM event_trail
       WHERE tenant = $1 AND stage = 'update-processor' AND source_ts >= $2 AND source_ts < $3`,
      [latTenant, new Date(measureFromMs).toISOString(), new Date(measureToMs).toISOString()],
    );
    const latencies = lat.map((r) => Number(r.ms));
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const waits = lat.map((r) => Number(r.wait_ms));
    const inTx = lat.map((r) => Number(r.ms) - Number(r.wait_ms));
    const latLost = await lostEntities(pool, latWork);
    const latDup = await duplicatedApplies(pool, latTenant);
    console.log(
      `latency: offered ${fmt(offered / LATENCY_SECONDS)}/s for ${LATENCY_SECONDS} s after ${WARMUP_SECONDS} s warm-up; ${fmt(latencies.length)} messages: ` +
        `p50 ${p50.toFixed(0)} ms, p90 ${percentile(latencies, 90).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms; ` +
        `lost ${latLost}, duplicated ${latDup} (${loadAtRate})`,
    );
    if (commitTs) {
      console.log(
        `latency split: send → target transaction start (Kafka, fetch wait, decode) p50 ${percentile(waits, 50).toFixed(0)} / p99 ${percentile(waits, 99).toFixed(0)} ms; ` +
          `transaction start → commit p50 ${percentile(inTx, 50).toFixed(0)} / p99 ${percentile(inTx, 99).toFixed(0)} ms`,
      );
    }

    // 3. With 1% poison against the same run without
    const runCtx = { admin, producer, pool, env, logDir, committedAt, track: (p: ManagedProcess[]) => (running = p) };
    // clean, poisoned, poisoned, clean: a load that drifts during the phase favours neither
    const runs: Array<DrainRun & { poisoned: boolean }> = [];
    for (const [i, poisoned] of [false, true, true, false].entries()) {
      runs.push({ ...(await drainRun(runCtx, `bench-${poisoned ? "poison" : "clean"}${i}-${suffix}`, poisoned ? POISON_EVERY : 0)), poisoned });
    }
    const pooled = (poisoned: boolean) => {
      const picked = runs.filter((r) => r.poisoned === poisoned);
      const seconds = sum(picked.map((r) => r.seconds));
      return { rate: (picked.length * POISON_UPDATES) / seconds, seconds, lost: sum(picked.map((r) => r.lost)), duplicated: sum(picked.map((r) => r.duplicated)) };
    };
    const clean = pooled(false);
    const poisoned = pooled(true);
    const poisonCount = 2 * Math.floor(POISON_UPDATES / POISON_EVERY);
    const deadLettered = (await dlqDepth(admin, `bench-poison1-${suffix}`)) + (await dlqDepth(admin, `bench-poison2-${suffix}`));
    console.log(
      `poison: 2 × ${fmt(POISON_UPDATES)} messages each way (clean, poisoned, poisoned, clean; each run ${runs.map((r) => `${fmt(POISON_UPDATES / r.seconds)}/s`).join(", ")}): clean ${fmt(clean.rate)}/s (${clean.seconds.toFixed(1)} s), with 1 in ${POISON_EVERY} poison ` +
        `(${fmt(poisonCount)}: ${POISON_KINDS.join(", ")}) ${fmt(poisoned.rate)}/s (${poisoned.seconds.toFixed(1)} s); ` +
        `ratio ${(poisoned.rate / clean.rate).toFixed(2)} (drop ${(100 * (1 - poisoned.rate / clean.rate)).toFixed(1)}%); ` +
        `dead-lettered ${fmt(deadLettered)} (the unknown-member fifth goes to the retry topic); lost ${clean.lost + poisoned.lost}, duplicated ${clean.duplicated + poisoned.duplicated} (${load()})`,
    );

    // 4. Retry dispatch, then the naive baseline
    await retryDispatch();
    const naive = await naiveBaseline(kafka, admin, producer, pool);
    const lost = tpLost + latLost + clean.lost + poisoned.lost;
    const duplicated = tpDup + latDup + clean.duplicated + poisoned.duplicated;
    console.log(`naive baseline: ${fmt(naive.rate)} updates/s (one message at a time, one autocommit upsert per message, ${fmt(NAIVE_UPDATES)} updates; lost ${naive.lost}); ratio ${(sustained / naive.rate).toFixed(1)}x (${load()})`);
    console.log(`pipeline: ${fmt(sustained)} updates/s sustained, p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms source-to-target at ${fmt(RATE)}/s, lost ${lost}, duplicated ${duplicated}`);
    if (lost || duplicated) process.exitCode = 1;
  } finally {
    await stopAll(running);
    for (const close of closers.reverse()) await close().catch(() => {});
    await stack?.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
