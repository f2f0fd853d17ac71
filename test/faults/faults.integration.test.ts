/**
 * Faults, as tests: the update path under a steady load (source transactions → updates topic →
 * update- and retry-processor child processes, supervised like the demo's → target Postgres)
 * while an update-processor is SIGKILLed mid-batch, the broker restarts, the target Postgres is
 * down for 10 s, and poison messages arrive. After each: reconciliation of source against target
 * shows nothing lost, regressed or duplicated, and the DLQ holds exactly the poison, each with its
 * reason in the DESIGN.md headers.
 *
 * The broker and the target Postgres are this file's own (free ports, stopped and restarted
 * here); the source databases live on the integration setup's Postgres, which stays up.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin, type Kafka, type Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { readTopic, testTenant, waitFor, type ReadMessage } from "../../pipeline/shared/testing";
import { consumerGroup, tenantTopics, type Stage } from "@/lib/contract/topics";
import { clusterProbe, startKafka, type RunningKafka } from "../../scripts/stack/kafka";
import { freePorts } from "../../scripts/stack/net";
import { startPostgres, type RunningPostgres } from "../../scripts/stack/postgres";
import { createLocalDriver } from "../../scripts/stack/local-driver";
import type { EnvironmentDriver } from "../../server/deployments/driver";
import { createKafka, createProducer, retryRetriable } from "@/lib/kafka/client";
import { applyMigrations } from "../../server/db/migrate";
import { reconcileTenant } from "../../server/reconcile/reconcile";
import { SourceLoad } from "./source-load";
import { waitDrained } from "./drain";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-faults-"));
const sourceAdminUrl = process.env.DATABASE_URL!; // the integration setup's Postgres: stays up
const STAGES: Stage[] = ["update-processor", "retry-processor"];
let kafkaPorts: [number, number];
let broker: RunningKafka | undefined;
let target: RunningPostgres | undefined;
let targetPort: number;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let processors: EnvironmentDriver | undefined;
const supervisorLog: string[] = [];
const tenants: Array<{ tenant: string; sourceUrl: string; source: pg.Pool }> = [];

const startBroker = () =>
  startKafka({ dataDir: path.join(root, "kafka"), port: kafkaPorts[0], controllerPort: kafkaPorts[1] });
const startTarget = () => startPostgres({ dataDir: path.join(root, "target"), port: targetPort });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  kafkaPorts = (await freePorts(2)) as [number, number];
  targetPort = (await freePorts(1, kafkaPorts))[0]!;
  [broker, target] = await Promise.all([startBroker(), startTarget()]);
  await applyMigrations(target.url);
  kafka = createKafka(
    { ...process.env, KAFKA_BROKERS: broker.brokers, KAFKA_CLIENT_ID: "syncdeck-faults" },
    { logLevel: logLevel.NOTHING },
  );
  admin = kafka.admin();
  producer = createProducer(kafka, { idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await processors?.close();
  await producer?.disconnect().catch(() => {});
  await admin?.disconnect().catch(() => {});
  for (const t of tenants) await t.source.end();
  const dropper = new pg.Client({ connectionString: sourceAdminUrl });
  await dropper.connect();
  for (const t of tenants)
    await dropper.query(`DROP DATABASE IF EXISTS "${new URL(t.sourceUrl).pathname.slice(1)}" WITH (FORCE)`);
  await dropper.end();
  await broker?.stop();
  await target?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Short, so UnknownMember poison is dead-lettered within seconds (also names the retry tier topics). */
const RETRY_DELAYS_MS = [300, 600, 1200];
const RETRY_ENV = { RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(",") };

/** A fresh tenant: topics, a source database, its processors under the supervisor, and load. */
async function scenario(name: string) {
  const tenant = testTenant(`f-${name}`);
  await ensureTenantTopics(admin, tenant, 3, RETRY_ENV);
  const database = `faults_${tenant.replaceAll("-", "_")}`;
  const creator = new pg.Client({ connectionString: sourceAdminUrl });
  await creator.connect();
  await creator.query(`CREATE DATABASE "${database}"`);
  await creator.end();
  const url = new URL(sourceAdminUrl);
  url.pathname = `/${database}`;
  const sourceUrl = url.toString();
  const source = new pg.Pool({ connectionString: sourceUrl, max: 2 });
  await source.query(fs.readFileSync(path.resolve("pipeline/shared/source-schema.sql"), "utf8"));
  tenants.push({ tenant, sourceUrl, source });

  await processors?.close();
  processors = createLocalDriver({
    environmentId: "faults",
    env: {
      ...process.env,
      DATABASE_URL: target!.url,
      KAFKA_BROKERS: broker!.brokers,
      KAFKA_CLIENT_ID: "syncdeck-faults",
      HEARTBEAT_INTERVAL_MS: "1000",
      // a SIGKILLed member's partitions move on after 10 s instead of kafkajs' 30 s
      CONSUMER_SESSION_TIMEOUT_MS: "10000",
      ...RETRY_ENV,
    },
    logDir: path.join(root, "logs"),
    log: (line) => supervisorLog.push(line),
  });
  // the deployments' local driver: real child processes, restarted with backoff when they die
  for (const stage of STAGES)
    await processors.apply({ tenant, stage }, { revision: 1, version: "faults", config: {}, replicas: 1 });
  const load = new SourceLoad(tenant, source, producer);
  return { tenant, sourceUrl, load, topics: tenantTopics(tenant) };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

/** The process id of a tenant's running update-processor, if one runs now. */
const runningPid = (tenant: string): number | undefined =>
  processors?.observe().find((i) => i.tenant === tenant && i.stage === "update-processor" && i.state === "running")
    ?.pid ?? undefined;

async function committedOffsets(s: Scenario): Promise<string> {
  const committed = await retryRetriable(() =>
    admin.fetchOffsets({ groupId: consumerGroup(s.tenant, "update-processor"), topics: [s.topics.updates] }),
  );
  return committed[0]!.partitions
    .map((p) => `${p.partition}:${p.offset}`)
    .sort()
    .join(",");
}

/** Zero lost, zero regressed, zero duplicated; `applied` trail rows once per (entity, LSN). */
async function expectReconciled(s: Scenario): Promise<void> {
  const result = await reconcileTenant({ tenant: s.tenant, sourceUrl: s.sourceUrl, targetUrl: target!.url, limit: 20 });
  const summary = (e: typeof result.members) => ({
    lost: e.missingCount,
    regressed: e.versionDiffersCount,
    extra: e.extraCount,
    missing: e.missing,
    differs: e.versionDiffers,
  });
  expect({ members: summary(result.members), claims: summary(result.claims) }).toEqual({
    members: { lost: 0, regressed: 0, extra: 0, missing: [], differs: [] },
    claims: { lost: 0, regressed: 0, extra: 0, missing: [], differs: [] },
  });
  expect(result.inSync).toBe(true);
  expect(result.members.sourceCount + result.claims.sourceCount).toBeGreaterThan(100);
  await withTarget(async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
         SELECT count(*) AS n FROM event_trail WHERE tenant = $1 AND stage = 'update-processor' AND outcome = 'applied'
         GROUP BY entity_ref, source_lsn HAVING count(*) > 1) d`,
      [s.tenant],
    );
    expect(rows[0]!.n, "duplicated applies").toBe(0);
  });
}

async function withTarget<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: target!.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The load goes on for `more` changes after the fault, then stops; everything must drain and reconcile, the DLQ stay empty. */
async function afterFault(s: Scenario, more: number): Promise<void> {
  await s.load.waitProduced(s.load.produced + more, 90_000);
  await s.load.stop();
  await waitDrained(admin, s.tenant, RETRY_DELAYS_MS, 120_000);
  await expectReconciled(s);
  await dlq(s);
}

async function dlq(s: Scenario, expected = 0): Promise<ReadMessage[]> {
  if (expected === 0) {
    const ends = await retryRetriable(() => admin.fetchTopicOffsets(s.topics.dlq));
    expect(
      ends.reduce((sum, p) => sum + Number(p.high), 0),
      "nothing in the DLQ",
    ).toBe(0);
    return [];
  }
  return readTopic(kafka, s.topics.dlq, expected, 30_000);
}

describe("the update path under faults", () => {
  it("loses nothing when an update-processor is SIGKILLed mid-batch", async () => {
    const s = await scenario("kill");
    s.load.start();
    await s.load.waitProduced(1_500);
    const appName = `syncdeck:update-processor:${s.tenant}`;
    const probe = new pg.Client({ connectionString: target!.url });
    await probe.connect();
    // Mid-batch, for certain: the trail is locked, so the next batch's statement (upserts and
    // trail rows, one statement) is sent and waits, nothing of it committed, when the processor is
    // killed; its offsets are not committed either.
    await probe.query("BEGIN");
    await probe.query("LOCK TABLE event_trail IN EXCLUSIVE MODE");
    let victim: number;
    try {
      const waiting = await waitFor(
        "a batch's statement waiting mid-way",
        async () => {
          const { rows } = await probe.query<{ pid: number }>(
            // (a cached plan takes its locks at Bind: the state still says idle, the wait says Lock)
            `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [appName],
          );
          const pid = runningPid(s.tenant);
          return rows.length > 0 && pid !== undefined ? { victim: pid, backends: rows.map((r) => r.pid) } : undefined;
        },
        4_000, // within TARGET_LOCK_TIMEOUT_MS, after which the statement gives up by itself
      );
      victim = waiting.victim;
      process.kill(victim, "SIGKILL");
      // the server learns of the dead client (keepalive, or client_connection_check_interval): its
      // statement is rolled back, not left to finish once the lock is gone
      await probe.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [waiting.backends]);
    } finally {
      await probe.query("ROLLBACK");
      await probe.end();
    }
    await waitFor("the supervisor's restart", async () => {
      const pid = runningPid(s.tenant);
      return pid !== undefined && pid !== victim ? pid : undefined;
    });
    expect(supervisorLog.some((line) => line.includes(s.tenant) && line.includes("exited (SIGKILL)"))).toBe(true);
    await afterFault(s, 1_000);
  });

  it("loses nothing when the broker restarts", async () => {
    const s = await scenario("broker");
    s.load.start();
    await s.load.waitProduced(1_500);
    const before = broker!;
    await before.stop();
    await sleep(2_000);
    expect(await clusterProbe(before.brokers)()).toBeUndefined(); // really away, while the load keeps writing the source
    broker = await startBroker();
    expect(broker.pid).not.toBe(before.pid);
    await afterFault(s, 1_000);
  });

  it("holds batches while the target Postgres is down for 10 s: nothing committed, nothing dead-lettered, nothing lost", async () => {
    const s = await scenario("pgdown");
    s.load.start();
    await s.load.waitProduced(1_500);
    await target!.stop();
    const producedAtStop = s.load.produced;
    await sleep(1_000); // a batch already past its commit may still commit its offsets
    const committedDuringOutage = await committedOffsets(s);
    await sleep(9_000);
    expect(await committedOffsets(s)).toBe(committedDuringOutage);
    expect(s.load.produced).toBeGreaterThan(producedAtStop); // the load kept coming meanwhile
    target = await startTarget();
    await afterFault(s, 500);
  });

  it("dead-letters every poison message with its reason and applies everything around it", async () => {
    const s = await scenario("poison");
    const poison = poisonMessages(s.tenant, 10);
    await withTarget((db) =>
      db.query(
        `ALTER TABLE target_members ADD CONSTRAINT faults_refused_city CHECK (city IS DISTINCT FROM '${REFUSED_CITY}') NOT VALID`,
      ),
    );
    s.load.start();
    await s.load.waitProduced(500);
    for (const batch of chunks(poison, 6)) {
      await s.load.send(batch.map(({ key, value }) => ({ key, value })));
      await s.load.waitProduced(s.load.produced + 200);
    }
    await s.load.stop();
    await waitDrained(admin, s.tenant, RETRY_DELAYS_MS, 90_000);
    await expectReconciled(s);
    const dead = await dlq(s, poison.length);
    expect(dead.map((m) => m.key).sort()).toEqual(poison.map((p) => p.key).sort());
    for (const p of poison) {
      const m = dead.find((d) => d.key === p.key)!;
      expect(m.value, p.key).toBe(p.value);
      expect(m.headers, p.key).toMatchObject({
        "sync-error-class": p.errorClass,
        "sync-original-topic": s.topics.updates,
        "sync-tenant": s.tenant,
      });
      expect(m.headers["sync-error-message"], p.key).toMatch(p.reason);
      expect(Number(m.headers["sync-attempt"])).toBeGreaterThanOrEqual(1);
      expect(m.headers["sync-original-offset"]).toMatch(/^\d+$/);
      expect(Date.parse(m.headers["sync-first-failed-at"]!)).not.toBeNaN();
      expect(["update-processor", "retry-processor"]).toContain(m.headers["sync-stage"]);
    }
  });
});

/** A city the poison scenario's target refuses, as a constraint a DBA added would. */
const REFUSED_CITY = "Refused by the target";

interface Poison {
  key: string;
  value: string;
  errorClass: string;
  reason: RegExp;
}

/** Every kind of poison the update path meets, `perKind` of each, with what the DLQ must say. */
function poisonMessages(tenant: string, perKind: number): Poison[] {
  const provenance = (n: number) => ({
    tenant,
    sourceLsn: String(9_000_000 + n),
    sourceVersion: 1,
    sourceTsMs: Date.now(),
    cdcTopic: `sync.${tenant}.cdc.members`,
    cdcPartition: 0,
    cdcOffset: "0",
  });
  const member = (id: string, city: string) => ({
    ...provenance(Number(id.replace(/\D/g, ""))),
    entity: "member",
    op: "upsert",
    id,
    memberId: id,
    data: {
      memberId: id,
      firstName: "Poison",
      lastName: "Pill",
      dateOfBirth: "1970-01-01",
      addressLine: "",
      city,
      state: "IL",
      postalCode: "",
      planId: "",
      status: "ACTIVE",
    },
  });
  const claim = (id: string, memberId: string, ndc: string) => ({
    ...provenance(Number(id.replace(/\D/g, ""))),
    entity: "claim",
    op: "upsert",
    id,
    memberId,
    data: {
      claimId: id,
      memberId,
      ndc,
      drugName: "X",
      pharmacyId: "PH-1",
      quantity: 1,
      daysSupply: 1,
      amountBilled: "1.00",
      amountPaid: "0.00",
      status: "PAID",
      fillDate: "2026-11-20",
    },
  });
  const out: Poison[] = [];
  for (let i = 1; i <= perKind; i++) {
    out.push({ key: `PJ${i}`, value: `{"not json ${i}`, errorClass: "MalformedUpdate", reason: /not JSON/ });
    out.push({
      key: `PV${i}`,
      value: JSON.stringify(claim(`PV-${i}`, `PV${i}`, "123")),
      errorClass: "InvalidUpdate",
      reason: /11-digit NDC/,
    });
    out.push({
      key: `PT${i}`,
      value: JSON.stringify({ ...member(`PT${i}`, "x"), tenant: "someone-else" }),
      errorClass: "WrongTenant",
      reason: /someone-else/,
    });
    out.push({
      key: `PN${i}`,
      value: JSON.stringify(member(`PN${i}`, "Spring\u0000field")),
      errorClass: "InvalidUpdate",
      reason: /data\.city contains U\+0000/,
    });
    // valid to the update, refused by a constraint of the target's: isolated by bisecting its batch,
    // retried (a constraint may hold later), then dead-lettered with the database's reason
    out.push({
      key: `PR${i}`,
      value: JSON.stringify(member(`PR${i}`, REFUSED_CITY)),
      errorClass: "RejectedByTarget",
      reason: /attempts exhausted.*SQLSTATE 23514/,
    });
    // a claim whose member never arrives: retried on the schedule, then dead-lettered
    out.push({
      key: `PU${i}`,
      value: JSON.stringify(claim(`PU-${i}`, `PU${i}`, "00093715301")),
      errorClass: "UnknownMember",
      reason: /attempts exhausted/,
    });
  }
  return out;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}
