/**
 * A processor as the process it runs as in production (`tsx pipeline/<stage>/index.ts --tenant t`):
 * it reports a heartbeat with its pid, does its work, and on SIGTERM finishes, commits and exits 0.
 */
import { spawn } from "node:child_process";
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { testKafka, testTenant, waitFor } from "./testing";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";

const tenant = testTenant("it-run");
const topics = tenantTopics(tenant);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let pool: pg.Pool;

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 1);
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await pool?.end();
});

describe("a processor process", () => {
  it("beats, works, and exits 0 on SIGTERM with its offsets committed", async () => {
    // `node --import tsx` rather than the tsx CLI: one process, so the pid and the signal are the worker's own.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "pipeline/update-processor/index.ts", "--tenant", tenant, "--instance-id", `${tenant}-1`],
      {
        env: { ...process.env, HEARTBEAT_INTERVAL_MS: "300" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await waitFor("the running log line", async () => (output.includes("running as") ? true : undefined), 60_000);
      const value = JSON.stringify({
        tenant,
        entity: "member",
        op: "delete",
        id: "m-1",
        memberId: "m-1",
        sourceLsn: "5",
        sourceVersion: 1,
        sourceTsMs: Date.now(),
        cdcTopic: "x",
        cdcPartition: 0,
        cdcOffset: "0",
        data: null,
      });
      await producer.send({ topic: topics.updates, acks: -1, messages: [{ key: "m-1", value }] });
      const beat = await waitFor("a heartbeat counting the message", async () => {
        const { rows } = await pool.query("SELECT pid, counts FROM processor_heartbeats WHERE instance_id = $1", [
          `${tenant}-1`,
        ]);
        return rows[0]?.counts.applied === 1 ? rows[0] : undefined;
      });
      expect(beat.pid).toBe(child.pid);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toContain("SIGTERM: finishing the current batch");
      const [offsets] = await admin.fetchOffsets({
        groupId: consumerGroup(tenant, "update-processor"),
        topics: [topics.updates],
      });
      expect(offsets!.partitions).toEqual([{ partition: 0, offset: "1", metadata: null }]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
