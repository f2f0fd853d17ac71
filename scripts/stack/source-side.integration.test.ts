/**
 * The demo's source side as the lead wires it: startSourceSide prepares a tenant's source
 * database, topics and connector and spawns the simulator as a real child process (index.ts);
 * its changes, faults included, arrive on the tenant's cdc topics; stop() ends the child cleanly;
 * a second start continues where the first stopped (no duplicate ids, no failed transactions).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin, type Consumer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropSourceDatabase } from "@/lib/source-db/source-db";
import { createConnectClient } from "../../server/connect/connect-client";
import { connectorName, connectorTopics } from "@/lib/connect/connector-config";
import { createKafka } from "@/lib/kafka/client";
import { startConnect, type RunningConnect } from "./connect";
import { startSourceSide } from "./source-side";

const run = randomUUID().replaceAll("-", "").slice(0, 8);
const tenant = `it-side-${run}`;
const topics = connectorTopics(tenant);

let connect: RunningConnect;
let dir: string;
let admin: Admin;
let consumer: Consumer;
const claims: Array<{ op: string; after: { claim_id: string; ndc: string; status: string } | null }> = [];

async function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const logFile = () => path.join(dir, "logs", `source-simulator-${tenant}.log`);
const options = () => ({
  adminDatabaseUrl: process.env.DATABASE_URL!,
  connectUrl: connect.url,
  tenants: [tenant],
  rate: 40,
  faultyTenant: tenant,
  faultRate: 0.2,
  logDir: path.join(dir, "logs"),
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-source-side-it-"));
  const kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  connect = await startConnect({
    brokers: process.env.KAFKA_BROKERS!,
    dataDir: path.join(dir, "connect"),
    groupId: `it.side-connect.${run}`,
  });
});

afterAll(async () => {
  await createConnectClient(connect.url)
    .deleteConnector(connectorName(tenant))
    .catch(() => {});
  await connect?.stop();
  await consumer?.disconnect();
  await dropSourceDatabase(process.env.DATABASE_URL!, tenant).catch((error) =>
    console.error(`[source-side-it] clean-up: ${error}`),
  );
  if (admin) {
    await admin.deleteTopics({ topics: [topics.cdc.members, topics.cdc.claims, topics.heartbeat] }).catch(() => {});
    await admin.disconnect();
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("startSourceSide", () => {
  it("runs a simulator process per tenant whose changes, faults included, reach the cdc topics", async () => {
    const side = await startSourceSide(options());
    expect(side.started).toEqual([expect.stringContaining(`source simulator for ${tenant}: 40 changes/s, 20% faulty`)]);
    consumer = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING }).consumer(
      {
        groupId: `it.side-events.${run}`,
        maxWaitTimeInMs: 100,
      },
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.cdc.claims], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void claims.push(JSON.parse(message.value!.toString())) });

    await waitFor("a claim insert", () =>
      claims.find((event) => event.op === "c" && /^\d{11}$/.test(event.after!.ndc)),
    );
    await waitFor("a claim with a malformed NDC", () =>
      claims.find((event) => event.op === "c" && /[A-Z]/.test(event.after!.ndc)),
    );
    await side.stop();
    await side.stop(); // idempotent
    const output = fs.readFileSync(logFile(), "utf8");
    expect(output).toMatch(/stopped on SIGTERM/);
    expect(output).not.toMatch(/failed/);
  });

  it("starts again where it left off: same connector, fresh ids, no failed transactions", async () => {
    const before = claims.length;
    const side = await startSourceSide(options());
    await waitFor("new claim events after the restart", () => (claims.length > before + 20 ? true : undefined));
    await side.stop();
    const output = fs.readFileSync(logFile(), "utf8");
    expect(output.match(/stopped on SIGTERM/g)).toHaveLength(2);
    expect(output).not.toMatch(/failed/);
    const inserted = claims.filter((event) => event.op === "c").map((event) => event.after!.claim_id);
    expect(new Set(inserted).size).toBe(inserted.length);
    expect(await createConnectClient(connect.url).listConnectors()).toEqual([connectorName(tenant)]);
  });
});
