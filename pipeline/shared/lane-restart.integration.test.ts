/**
 * A pool whose one tenant's consumer crashes for good (a non-retriable error kafkajs does not
 * restart after) keeps running: the other tenant goes on consuming, the pool's heartbeat names the
 * crashed tenant, and the tenant's lane is started again after its backoff and reads on from its
 * committed offset — the message it crashed on included.
 */
import { randomUUID } from "node:crypto";
import { KafkaJSNonRetriableError, type Admin, type Kafka, type Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { tenantTopics } from "@/lib/contract/topics";
import { startProcessor, type RunningProcessor, type StageDefinition } from "./runner";
import { testKafka, testTenant, waitFor } from "./testing";

const crashing = testTenant("it-crash");
const steady = testTenant("it-steady");
const instanceId = `it-crash-pool-${randomUUID().slice(0, 8)}`;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let db: pg.Pool;
let processor: RunningProcessor | undefined;

/** what each tenant's lane handled, in order */
const seen = new Map<string, string[]>();
let crashes = 0;

/** Records every message; on the crashing tenant's "crash" message, fails the way kafkajs gives up on. */
const recording: StageDefinition = {
  stage: "retry-processor",
  subscriptions: (t) => [t.dlq],
  createBatchHandler: (ctx) => async (payload) => {
    for (const message of payload.batch.messages) {
      const value = message.value?.toString() ?? "";
      seen.set(ctx.config.tenant, [...(seen.get(ctx.config.tenant) ?? []), value]);
      if (value === "crash" && crashes++ === 0) throw new KafkaJSNonRetriableError("the topic is gone");
      payload.resolveOffset(message.offset);
    }
    await payload.commitOffsetsIfNecessary();
  },
};

const send = (tenant: string, value: string) =>
  producer.send({ topic: tenantTopics(tenant).dlq, acks: -1, messages: [{ key: value, value }] });

const saw = (tenant: string, value: string) => async () => (seen.get(tenant)?.includes(value) ? true : undefined);

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, crashing, 1);
  await ensureTenantTopics(admin, steady, 1);
  processor = await startProcessor(
    recording,
    ["--pool", "pool-it-crash", "--tenants", `${crashing},${steady}`, "--instance-id", instanceId],
    { ...process.env, HEARTBEAT_INTERVAL_MS: "300" },
  );
});

afterAll(async () => {
  await processor?.stop();
  await producer?.disconnect();
  await admin?.disconnect();
  await db?.end();
});

const poolError = async () => {
  const { rows } = await db.query<{ last_error: string | null }>(
    "SELECT last_error FROM processor_heartbeats WHERE instance_id = $1",
    [instanceId],
  );
  return rows[0]?.last_error ?? null;
};

describe("a pooled tenant whose consumer crashes for good", () => {
  it("is restarted after its backoff while the pool and its other tenant run on", async () => {
    let poolCrashed = false;
    void processor!.crashed.then(() => (poolCrashed = true));
    await send(steady, "one");
    await waitFor("the steady tenant's first message", saw(steady, "one"));

    await send(crashing, "crash");
    const error = await waitFor("the pool's heartbeat naming the crashed tenant", async () => {
      const message = await poolError();
      return message?.includes(`${crashing}: consumer crashed`) ? message : undefined;
    });
    expect(error).toMatch(/the topic is gone.*lane restarting in 1 s/);

    await send(steady, "two");
    await send(crashing, "after");
    await waitFor("the steady tenant's message sent after the crash", saw(steady, "two"));
    await waitFor("the crashed tenant, restarted, reading on", saw(crashing, "after"));
    // the message it crashed on was not committed: read again by the restarted lane, nothing skipped
    expect(seen.get(crashing)).toEqual(["crash", "crash", "after"]);
    expect(seen.get(steady)).toEqual(["one", "two"]);
    expect(poolCrashed).toBe(false);
    expect(processor!.tenants.map((t) => t.tenant).sort()).toEqual([crashing, steady].sort());
    await waitFor("the pool's heartbeat error cleared once the lane runs again", async () =>
      (await poolError()) === null ? true : undefined,
    );
  });
});
