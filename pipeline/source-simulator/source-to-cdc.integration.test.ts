/**
 * The source side end to end, on real services: a tenant's source database prepared by
 * ensureSourceDatabase, its Debezium connector registered through our Connect client on a real
 * Kafka Connect worker, the simulator writing for a few seconds, and every committed change
 * arriving on `sync.<tenant>.cdc.members|claims` keyed by primary key, with commit time and LSN.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin, type Consumer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { createConnectClient, type ConnectClient, type ConnectorState } from "../../server/connect/connect-client";
import {
  buildConnectorConfig,
  connectorName,
  connectorTopics,
  slotName,
  sourceConnectionFromUrl,
} from "@/lib/connect/connector-config";
import { AppError } from "../../server/errors";
import { createKafka } from "@/lib/kafka/client";
import type { SourceChange } from "./generator";
import { startSimulator } from "./simulator";
import { dropSourceDatabase, ensureSourceDatabase, sourceDatabaseName } from "@/lib/source-db/source-db";

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const tenant = `it-src-${run}`;
const name = connectorName(tenant);
const topics = connectorTopics(tenant);
// Short, so the idle-slot test does not wait long; the demo uses the 10 s default.
const HEARTBEAT_MS = 1_000;

interface ChangeEvent {
  topic: string;
  key: Record<string, string>;
  value: {
    op: "r" | "c" | "u" | "d";
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    source: { db: string; table: string; ts_ms: number; lsn: number; snapshot: string };
  };
  receivedAt: number;
}

let connect: RunningConnect;
let connectDir: string;
let client: ConnectClient;
let admin: Admin;
let consumer: Consumer;
let server: pg.Client;
let sourceUrl: string;
let registeredAt = 0;
const events: ChangeEvent[] = [];
const written: SourceChange[] = [];

async function waitFor<T>(
  what: string,
  find: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const waitForState = (state: ConnectorState) =>
  waitFor(`connector and task ${state}`, async () => {
    const status = await client.getStatus(name);
    return status.connector.state === state &&
      status.tasks.length === 1 &&
      status.tasks.every((task) => task.state === state)
      ? status
      : undefined;
  });

const keyOf = (table: string, id: string) => (table === "members" ? { member_id: id } : { claim_id: id });
const OP = { insert: "c", update: "u", delete: "d" } as const;

beforeAll(async () => {
  server = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await server.connect();
  connectDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-source-it-"));
  const kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  const [running] = await Promise.all([
    startConnect({ brokers: process.env.KAFKA_BROKERS!, dataDir: connectDir, groupId: `it.source-connect.${run}` }),
    admin.createTopics({
      topics: [topics.cdc.members, topics.cdc.claims, topics.heartbeat].map((topic) => ({ topic, numPartitions: 3 })),
      waitForLeaders: true,
    }),
  ]);
  connect = running;
  client = createConnectClient(connect.url);
  consumer = kafka.consumer({ groupId: `it.source-events.${run}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.cdc.members, topics.cdc.claims], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) =>
      void events.push({
        topic,
        key: JSON.parse(message.key!.toString()),
        value: JSON.parse(message.value!.toString()),
        receivedAt: Date.now(),
      }),
  });
});

afterAll(async () => {
  if (client) await client.deleteConnector(name).catch(() => {});
  await connect?.stop();
  await consumer?.disconnect();
  await dropSourceDatabase(process.env.DATABASE_URL!, tenant).catch((error) =>
    console.error(`[source-it] clean-up: ${error}`),
  );
  await server?.end();
  if (admin) {
    await admin.deleteTopics({ topics: [topics.cdc.members, topics.cdc.claims, topics.heartbeat] }).catch(() => {});
    await admin.disconnect();
  }
  if (connectDir) fs.rmSync(connectDir, { recursive: true, force: true });
});

describe("the source side: source database → Debezium → sync.<tenant>.cdc.<table>", () => {
  it("prepares the tenant's source database idempotently, with its publication", async () => {
    sourceUrl = await ensureSourceDatabase(process.env.DATABASE_URL!, tenant);
    expect(await ensureSourceDatabase(process.env.DATABASE_URL!, tenant)).toBe(sourceUrl);
    expect(new URL(sourceUrl).pathname).toBe(`/${sourceDatabaseName(tenant)}`);

    const source = new pg.Client({ connectionString: sourceUrl });
    await source.connect();
    try {
      const published = await source.query<{ tablename: string }>(
        "SELECT tablename FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1",
        [slotName(tenant)],
      );
      expect(published.rows.map((row) => row.tablename)).toEqual(["claims", "members", "sync_heartbeat"]);
      // A row that exists before the connector: it must arrive as a snapshot read.
      await source.query(
        "INSERT INTO members (member_id, first_name, last_name, date_of_birth, state) VALUES ('M000001', 'Ada', 'Lovelace', '1815-12-10', 'MO')",
      );
    } finally {
      await source.end();
    }
  });

  it("registers the connector through the Connect client (create, then idempotent update)", async () => {
    const config = buildConnectorConfig(tenant, sourceConnectionFromUrl(sourceUrl), {
      heartbeatIntervalMs: HEARTBEAT_MS,
    });
    registeredAt = performance.now();
    const created = await client.putConnectorConfig(name, config);
    expect(created.created).toBe(true);
    expect(created.info.config["slot.name"]).toBe(slotName(tenant));
    const updated = await client.putConnectorConfig(name, config);
    expect(updated.created).toBe(false);
    expect(await client.listConnectors()).toContain(name);

    const snapshot = await waitFor("the snapshot of member M000001", () =>
      events.find((e) => e.value.op === "r" && e.key.member_id === "M000001"),
    );
    console.log(
      `[source-it] connector registered → first (snapshot) event in ${Math.round(performance.now() - registeredAt)} ms`,
    );
    expect(snapshot.topic).toBe(topics.cdc.members);
    expect(snapshot.value.after).toMatchObject({
      member_id: "M000001",
      first_name: "Ada",
      date_of_birth: expect.any(Number),
    });
    const status = await waitForState("RUNNING");
    expect(status.tasks[0]!.trace).toBeUndefined();
  });

  it("streams the simulator's inserts, updates and deletes of both tables, keyed and stamped", async () => {
    const seconds = 4;
    const simulator = await startSimulator({
      sourceUrl,
      rate: 100,
      seed: 1,
      // More deletes than the default so a few seconds surely hold some.
      mix: { delete: 0.1 },
      onCommitted: (changes) => void written.push(...changes),
    });
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const stats = await simulator.stop();
    const achieved = stats.written / (stats.elapsedMs / 1000);
    console.log(
      `[source-it] simulator: ${stats.written} changes in ${stats.transactions} transactions, ${achieved.toFixed(1)}/s (target 100/s)`,
    );
    expect(stats.failedTransactions).toBe(0);
    expect(achieved).toBeGreaterThan(85);
    expect(achieved).toBeLessThan(115);

    const expected = new Map<string, number>();
    for (const change of written) {
      const id = `${change.table}|${change.id}|${OP[change.op]}`;
      expected.set(id, (expected.get(id) ?? 0) + 1);
    }
    for (const op of ["insert", "update", "delete"] as const) {
      for (const table of ["members", "claims"] as const) {
        if (op === "delete" && table === "members") continue; // rare by design: members with no claims
        expect(
          written.some((change) => change.op === op && change.table === table),
          `${op} on ${table} written`,
        ).toBe(true);
      }
    }

    const received = () => {
      const counts = new Map<string, number>();
      for (const event of events) {
        if (event.value.op === "r") continue;
        const table = event.topic === topics.cdc.members ? "members" : "claims";
        const id = `${table}|${event.key.member_id ?? event.key.claim_id}|${event.value.op}`;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    };
    const missing = await waitFor(
      "an event for every committed change",
      () => {
        const counts = received();
        const short = [...expected].filter(([id, count]) => (counts.get(id) ?? 0) < count);
        return short.length === 0 ? short : undefined;
      },
      30_000,
    );
    expect(missing).toEqual([]);

    const streamed = events.filter((event) => event.value.op !== "r");
    for (const event of streamed) {
      const table = event.topic === topics.cdc.members ? "members" : "claims";
      expect(event.value.source).toMatchObject({ db: sourceDatabaseName(tenant), table, snapshot: "false" });
      expect(event.value.source.ts_ms).toBeGreaterThanOrEqual(before - 1_000);
      expect(event.value.source.ts_ms).toBeLessThanOrEqual(event.receivedAt);
      expect(Number.isSafeInteger(event.value.source.lsn) && event.value.source.lsn > 0).toBe(true);
      const row = event.value.after ?? event.value.before!;
      expect(event.key).toEqual(keyOf(table, String(row[table === "members" ? "member_id" : "claim_id"])));
    }
    const deletion = streamed.find((event) => event.value.op === "d" && event.topic === topics.cdc.claims)!;
    expect(deletion.value.after).toBeNull();
    // REPLICA IDENTITY FULL: the delete still names the member, the pipeline's key.
    expect(deletion.value.before).toMatchObject({
      member_id: expect.stringMatching(/^M\d+$/),
      amount_billed: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    const update = streamed.find((event) => event.value.op === "u" && event.topic === topics.cdc.claims)!;
    expect(Number(update.value.after!.version)).toBeGreaterThan(1);
    const latencies = streamed.map((event) => event.receivedAt - event.value.source.ts_ms).sort((a, b) => a - b);
    const percentile = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    console.log(
      `[source-it] ${streamed.length} change events for ${written.length} committed changes; source commit → consumed from Kafka p50 ${percentile(50)} ms, p99 ${percentile(99)} ms`,
    );
  });

  it("moves the slot forward while the tenant's database is idle (heartbeat)", async () => {
    // WAL written elsewhere on the server; only the heartbeat lets this slot confirm past it.
    await server.query("SELECT pg_logical_emit_message(false, 'syncdeck-it', 'elsewhere')");
    const { rows } = await server.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    const target = rows[0]!.lsn;
    const started = performance.now();
    await waitFor(
      "the slot to confirm past the server's WAL position",
      async () => {
        const result = await server.query<{ past: boolean }>(
          "SELECT confirmed_flush_lsn >= $2::pg_lsn AS past FROM pg_replication_slots WHERE slot_name = $1",
          [slotName(tenant), target],
        );
        return result.rows[0]?.past ? true : undefined;
      },
      45_000,
    );
    console.log(`[source-it] idle slot confirmed past ${target} after ${Math.round(performance.now() - started)} ms`);
  });

  it("pauses, resumes and restarts the connector and its task through the client", async () => {
    await client.pause(name);
    await waitForState("PAUSED");
    await client.resume(name);
    await waitForState("RUNNING");
    await client.restart(name, { includeTasks: true });
    await waitForState("RUNNING");
    await client.restartTask(name, 0);
    await waitForState("RUNNING");
  });

  it("maps Connect's errors to clear ones", async () => {
    const missing = await client.getStatus("sync.nobody.cdc").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("sync.nobody.cdc") });

    const invalid = await client
      .putConnectorConfig(`sync.${tenant}-bad.cdc`, { "connector.class": "no.such.Connector" })
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/rejected PUT .*no\.such\.Connector/),
    });

    const closed = createConnectClient("http://127.0.0.1:9");
    await expect(closed.listConnectors()).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("does not answer"),
    });
  });

  it("deletes the connector, then the slot and the source database", async () => {
    await client.deleteConnector(name);
    await client.deleteConnector(name); // already gone: still fine
    expect(await client.listConnectors()).not.toContain(name);
    await dropSourceDatabase(process.env.DATABASE_URL!, tenant);
    const slots = await server.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [slotName(tenant)]);
    const databases = await server.query("SELECT 1 FROM pg_database WHERE datname = $1", [sourceDatabaseName(tenant)]);
    expect(slots.rowCount).toBe(0);
    expect(databases.rowCount).toBe(0);
  });
});
