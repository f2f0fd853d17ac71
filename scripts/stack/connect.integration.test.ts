/**
 * CDC end to end on the local stack: a Connect worker with the Debezium PostgreSQL connector
 * (started here, on the global setup's Kafka), a tenant's source database in the global setup's
 * Postgres (DATABASE_URL, wal_level=logical), change events on `sync.<tenant>.cdc.<table>`.
 * Pins down the envelope the cdc-processor parses (JSON, schemas disabled).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin, type Consumer, type KafkaMessage } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka } from "@/lib/kafka/client";
import { DEBEZIUM_POSTGRES_CONNECTOR, startConnect, type RunningConnect } from "./connect";

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const tenant = `it${run}`;
const database = `it_cdc_${run}`;
// Replication slot and publication names: lowercase letters, digits and underscores.
const slot = `sync_${tenant}`;
const connectorName = `sync.${tenant}.cdc`;
const topic = `sync.${tenant}.cdc.members`;

interface ChangeEvent {
  key: { id: number };
  value: {
    op: "r" | "c" | "u" | "d";
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    source: {
      connector: string;
      db: string;
      schema: string;
      table: string;
      ts_ms: number;
      lsn: number;
      snapshot: string;
    };
    ts_ms: number;
  };
  receivedAt: number;
}

let connect: RunningConnect;
let connectDir: string;
let admin: Admin;
let consumer: Consumer;
let serverClient: pg.Client;
let sourceClient: pg.Client;
const events: ChangeEvent[] = [];

function sourceUrl(): URL {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url;
}

async function connectorRequest(method: string, suffix: string, body?: unknown): Promise<Response> {
  return fetch(`${connect.url}/connectors${suffix}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** What tenant provisioning registers for a tenant's source database (one table here). */
function connectorConfig(url: URL): Record<string, string> {
  return {
    "connector.class": DEBEZIUM_POSTGRES_CONNECTOR,
    "tasks.max": "1",
    "database.hostname": url.hostname,
    "database.port": url.port || "5432",
    "database.user": decodeURIComponent(url.username),
    "database.password": decodeURIComponent(url.password),
    "database.dbname": database,
    "plugin.name": "pgoutput",
    "slot.name": slot,
    "publication.name": slot,
    "publication.autocreate.mode": "filtered",
    "table.include.list": "public.members",
    "snapshot.mode": "initial",
    "decimal.handling.mode": "string",
    // Debezium names topics <prefix>.<schema>.<table>; the router drops the schema.
    "topic.prefix": `sync.${tenant}.cdc`,
    transforms: "route",
    "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
    "transforms.route.regex": "^(sync\\.[^.]+\\.cdc)\\.public\\.(.+)$",
    "transforms.route.replacement": "$1.$2",
  };
}

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

const eventFor = (op: string, id: number) => () => events.find((e) => e.value.op === op && e.key.id === id);

function decode(message: KafkaMessage): ChangeEvent {
  return {
    key: JSON.parse(message.key!.toString()),
    value: JSON.parse(message.value!.toString()),
    receivedAt: Date.now(),
  };
}

beforeAll(async () => {
  serverClient = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await serverClient.connect();
  const { rows } = await serverClient.query<{ wal_level: string }>("SHOW wal_level");
  if (rows[0]?.wal_level !== "logical") {
    throw new Error(
      `the Postgres of DATABASE_URL runs with wal_level=${rows[0]?.wal_level}; Debezium needs wal_level=logical`,
    );
  }
  await serverClient.query(`CREATE DATABASE ${database}`);
  sourceClient = new pg.Client({ connectionString: sourceUrl().toString() });
  await sourceClient.connect();
  await sourceClient.query(
    "CREATE TABLE members (id bigint PRIMARY KEY, name text NOT NULL, plan text, updated_at timestamptz NOT NULL DEFAULT now())",
  );
  await sourceClient.query("INSERT INTO members (id, name, plan) VALUES (1, 'Ada', 'basic')");

  const kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  // Provisioning creates tenant topics explicitly (the broker refuses implicit creation).
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  consumer = kafka.consumer({ groupId: `it.cdc.${run}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void events.push(decode(message)) });

  connectDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-connect-it-"));
  const started = performance.now();
  connect = await startConnect({
    brokers: process.env.KAFKA_BROKERS!,
    dataDir: connectDir,
    groupId: `it.connect.${run}`,
  });
  console.log(`[cdc] Kafka Connect ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  if (connect) {
    await connectorRequest("DELETE", `/${connectorName}`).catch(() => {});
    await connect.stop();
  }
  await consumer?.disconnect();
  await sourceClient?.end();
  if (serverClient) {
    await dropSlotWhenInactive().catch(() => {});
    await serverClient.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await serverClient.end();
  }
  if (admin) {
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
  if (connectDir) fs.rmSync(connectDir, { recursive: true, force: true });
});

/** A slot can only be dropped once its walsender is gone, i.e. after the connector's task stopped. */
async function dropSlotWhenInactive(): Promise<void> {
  await waitFor(`replication slot ${slot} to be released`, async () => {
    const { rows } = await serverClient.query<{ active: boolean }>(
      "SELECT active FROM pg_replication_slots WHERE slot_name = $1",
      [slot],
    );
    return rows.length === 0 || !rows[0]!.active ? true : undefined;
  });
  await serverClient.query(
    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1",
    [slot],
  );
}

describe("Debezium PostgreSQL connector on the local Kafka Connect", () => {
  it("offers the Debezium PostgreSQL connector", async () => {
    const plugins = (await (await fetch(`${connect.url}/connector-plugins`)).json()) as Array<{
      class: string;
      version: string;
    }>;
    expect(plugins).toContainEqual(expect.objectContaining({ class: DEBEZIUM_POSTGRES_CONNECTOR }));
  });

  it("snapshots existing rows into sync.<tenant>.cdc.<table>", async () => {
    const registered = performance.now();
    const response = await connectorRequest("PUT", `/${connectorName}/config`, connectorConfig(sourceUrl()));
    expect(response.status, await response.clone().text()).toBe(201);

    const snapshot = await waitFor("the snapshot event of member 1", eventFor("r", 1));
    console.log(
      `[cdc] first (snapshot) event ${Math.round(performance.now() - registered)} ms after registering the connector`,
    );
    expect(snapshot.value.before).toBeNull();
    expect(snapshot.value.after).toMatchObject({ id: 1, name: "Ada", plan: "basic" });
    expect(snapshot.value.source).toMatchObject({
      connector: "postgresql",
      db: database,
      schema: "public",
      table: "members",
    });
    expect(snapshot.value.source.snapshot).not.toBe("false");

    const status = await waitFor("connector and task RUNNING", async () => {
      const body = (await (await connectorRequest("GET", `/${connectorName}/status`)).json()) as {
        connector: { state: string };
        tasks: Array<{ state: string }>;
      };
      return body.connector.state === "RUNNING" && body.tasks[0]?.state === "RUNNING" ? body : undefined;
    });
    expect(status.tasks).toHaveLength(1);
  });

  it("streams inserts and updates with their commit time and LSN", async () => {
    const before = Date.now();
    const insertedAt = performance.now();
    await sourceClient.query("INSERT INTO members (id, name, plan) VALUES (2, 'Grace', 'plus')");
    const created = await waitFor("the insert event of member 2", eventFor("c", 2));
    console.log(`[cdc] insert → event consumed from Kafka in ${Math.round(performance.now() - insertedAt)} ms`);

    await sourceClient.query("UPDATE members SET plan = 'premium', updated_at = now() WHERE id = 1");
    const updated = await waitFor("the update event of member 1", eventFor("u", 1));

    expect(created.key).toEqual({ id: 2 });
    expect(created.value.before).toBeNull();
    expect(created.value.after).toMatchObject({ id: 2, name: "Grace", plan: "plus" });
    expect(typeof created.value.after!.updated_at).toBe("string"); // timestamptz → ISO-8601 text
    expect(updated.value.after).toMatchObject({ id: 1, name: "Ada", plan: "premium" });

    for (const event of [created, updated]) {
      expect(event.value.source.snapshot).toBe("false");
      // source.ts_ms is the source commit time: the start of end-to-end latency.
      expect(event.value.source.ts_ms).toBeGreaterThanOrEqual(before - 1_000);
      expect(event.value.source.ts_ms).toBeLessThanOrEqual(event.receivedAt);
      expect(event.value.ts_ms).toBeGreaterThanOrEqual(event.value.source.ts_ms);
      expect(Number.isSafeInteger(event.value.source.lsn)).toBe(true);
    }
    // LSNs grow with commit order: what the apply step's "never go backwards" check relies on.
    expect(updated.value.source.lsn).toBeGreaterThan(created.value.source.lsn);
  });

  it("deletes the connector and drops its replication slot", async () => {
    const response = await connectorRequest("DELETE", `/${connectorName}`);
    expect(response.status).toBe(204);
    await dropSlotWhenInactive();
    const { rows } = await serverClient.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [slot]);
    expect(rows).toHaveLength(0);
  });
});
