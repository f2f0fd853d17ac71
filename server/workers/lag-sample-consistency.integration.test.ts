/**
 * A slow offset read must not invent lag. On the real broker, a group consumes and commits as fast
 * as a producer writes, while the sampler reads offsets through the real admin client with an
 * injected delay: committed offsets answer late (their value is old when it arrives) and end
 * offsets are asked late (their value is new). Read naively, the time between the two reads shows
 * up as hundreds of messages of lag; the stored samples must keep showing a group that keeps up.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { logLevel, type Admin, type Consumer, type Kafka, type Producer } from "kafkajs";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { startLagSampler, type RunningSampler } from "./lag-sampler.worker";

const run = randomUUID().slice(0, 8);
const topic = `it.skew.${run}`;
const groupId = `it.skew.${run}.group`;
/** per slow call; the producer writes about 200 messages per second */
const DELAY_MS = 1_200;

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let consumer: Consumer;
let sampler: RunningSampler | undefined;
let producing = true;
let writing: Promise<void> = Promise.resolve();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real admin client, slow: committed offsets arrive late, end offsets are asked for late. */
function slowAdmin(real: Admin): Admin {
  return new Proxy(real, {
    get(target, property, receiver) {
      if (property === "fetchOffsets") {
        return async (...args: Parameters<Admin["fetchOffsets"]>) => {
          const answer = await target.fetchOffsets(...args);
          await sleep(DELAY_MS);
          return answer;
        };
      }
      if (property === "fetchTopicOffsets") {
        return async (name: string) => {
          await sleep(DELAY_MS);
          return target.fetchTopicOffsets(name);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

async function produceSteadily(): Promise<void> {
  for (let n = 0; producing; n += 20) {
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `m${n + i}` })) });
    await sleep(100);
  }
}

beforeAll(async () => {
  kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ autoCommitThreshold: 1, eachMessage: async () => undefined });
});

afterAll(async () => {
  producing = false;
  await writing;
  await sampler?.stop();
  await consumer?.disconnect();
  await admin?.deleteGroups([groupId]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await disconnectPrisma();
});

it("stores no lag spike for a group that keeps up while offset reads are slow", async () => {
  writing = produceSteadily();
  // The group has joined and commits as it goes.
  await expect
    .poll(
      async () => Number((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset ?? -1),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);

  sampler = startLagSampler({
    databaseUrl: process.env.DATABASE_URL!,
    db: getPrisma(),
    getAdmin: async () => slowAdmin(admin),
    intervalMs: 200,
    log: () => undefined,
  });
  const samples = () => getPrisma().lagGroupSample.findMany({ where: { groupId, topic }, orderBy: { at: "asc" } });
  await expect.poll(async () => (await samples()).length, { timeout: 90_000, interval: 500 }).toBeGreaterThanOrEqual(4);
  producing = false;
  await writing;

  const stored = await samples();
  // The group consumed throughout (its committed offsets moved by hundreds between samples)...
  const committed = stored.map((s) => Number(s.committedSum));
  expect(committed.at(-1)! - committed[0]!).toBeGreaterThan(300);
  // ...and kept up: what is stored is messages in flight, not the ~480 written between two slow reads.
  expect(stored.map((s) => Number(s.lag)).filter((lag) => lag > 60)).toEqual([]);
  expect(stored.map((s) => s.lagSeconds).filter((seconds) => seconds > 1)).toEqual([]);
  const state = await getPrisma().lagGroupState.findUnique({
    where: { clusterId_groupId: { clusterId: "default", groupId } },
  });
  expect(state?.status).toBe("OK");
});
