/**
 * The background sampler against the real broker and database: exactly one of two samplers leads,
 * the other takes over when the leader stops, and what they store is the group's real lag.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { logLevel, type Admin, type Kafka, type Producer } from "kafkajs";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { startLagSampler, type RunningSampler } from "./lag-sampler.worker";

const run = randomUUID().slice(0, 8);
const topic = `it.sampler.${run}`;
const groupId = `it.sampler.${run}.group`;

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const samplers: RunningSampler[] = [];

beforeAll(async () => {
  kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, value: `m${i}` })),
  });
  await admin.setOffsets({
    groupId,
    topic,
    partitions: [
      { partition: 0, offset: "5" },
      { partition: 1, offset: "20" },
    ],
  });
});

afterAll(async () => {
  await Promise.all(samplers.map((s) => s.stop()));
  await admin?.deleteGroups([groupId]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await disconnectPrisma();
});

it("one leader samples, stores the group's lag, and a standby takes over", async () => {
  const deps = {
    databaseUrl: process.env.DATABASE_URL!,
    db: getPrisma(),
    getAdmin: async () => admin,
    intervalMs: 200,
    log: () => undefined,
  };
  const first = startLagSampler(deps);
  samplers.push(first);
  await expect.poll(() => first.isLeader(), { timeout: 10_000 }).toBe(true);
  const second = startLagSampler(deps);
  samplers.push(second);
  await second.sampleNow();
  expect(second.isLeader()).toBe(false);

  await expect
    .poll(
      async () => {
        const state = await getPrisma().lagGroupState.findUnique({
          where: { clusterId_groupId: { clusterId: "default", groupId } },
        });
        return state && { lag: Number(state.lag), members: state.members, status: state.status, drain: state.drain };
      },
      { timeout: 15_000 },
    )
    // nobody consumes: once two samples give a rate, the lag is known not to drain
    .toEqual({ lag: 15, members: 0, status: expect.any(String), drain: { state: "not-draining" } });

  await first.stop();
  await expect.poll(() => second.isLeader(), { timeout: 10_000 }).toBe(true);

  const samples = await getPrisma().lagGroupSample.count({ where: { groupId } });
  expect(samples).toBeGreaterThan(0);
  const status = await getPrisma().lagSamplerStatus.findUnique({ where: { id: 1 } });
  expect(status?.lastError).toBeNull();
});

it("logs a failed sample as a warning and records it until a sample succeeds", async () => {
  await Promise.all(samplers.splice(0).map((s) => s.stop()));
  const lines: Array<[string, string | undefined]> = [];
  let brokerDown = true;
  const sampler = startLagSampler({
    databaseUrl: process.env.DATABASE_URL!,
    db: getPrisma(),
    getAdmin: async () => (brokerDown ? Promise.reject(new Error("broker down")) : admin),
    intervalMs: 60_000,
    log: (line, level) => void lines.push([line, level]),
  });
  samplers.push(sampler);
  await expect.poll(() => lines, { timeout: 10_000 }).toContainEqual(["sample failed: broker down", "warn"]);
  expect(lines).toContainEqual(["leader: sampling consumer lag", undefined]);
  expect((await getPrisma().lagSamplerStatus.findUnique({ where: { id: 1 } }))?.lastError).toBe("broker down");
  brokerDown = false;
  await sampler.sampleNow();
  expect((await getPrisma().lagSamplerStatus.findUnique({ where: { id: 1 } }))?.lastError).toBeNull();
});
