/**
 * The path every lag feature uses, against a real broker (KAFKA_BROKERS from the global setup):
 * committed offsets from admin.fetchOffsets, end offsets from admin.fetchTopicOffsets,
 * lag = end − committed per partition. Also pins down what kafkajs 2.2.4 reports on the broker
 * version we run: no commit yet = "-1"; fetchTopicOffsets' order is not partition order; and on a
 * fresh broker fetchOffsets fails with NOT_COORDINATOR until the offsets topic is loaded, which
 * kafkajs does not retry (hence retryRetriable).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLevel, type Admin, type Consumer, type Kafka, type Producer } from "kafkajs";
import { createKafka, createProducer, retryRetriable } from "./client";

const PARTITIONS = 3;
const FIRST_BATCH = 30;
const SECOND_BATCH = 11;

type PerPartition = Record<number, number>;

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const run = randomUUID().slice(0, 8);
const topic = `it.lag.${run}`;
const groupId = `it.lag.${run}.group`;

beforeAll(async () => {
  // kafkajs logs the coordinator errors it retries as ERROR; failures reach the test as exceptions anyway.
  kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  expect(created).toBe(true);
});

// Cleanup when a test failed before the last one deleted the topic (kafkajs retries deleting a
// missing topic for seconds, hence the check).
afterAll(async () => {
  if (admin && (await admin.listTopics()).includes(topic)) {
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.deleteTopics({ topics: [topic] });
  }
  await producer?.disconnect();
  await admin?.disconnect();
});

/** Produces keyed messages one by one and counts where the partitioner put them. */
async function produce(prefix: string, count: number): Promise<PerPartition> {
  const landed: PerPartition = {};
  for (let i = 0; i < count; i++) {
    const [meta] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: `member-${prefix}-${i}`, value: JSON.stringify({ i }) }],
    });
    landed[meta!.partition] = (landed[meta!.partition] ?? 0) + 1;
  }
  return landed;
}

/** Consumes `count` messages in the group, committing each one's next offset, then leaves the group. */
async function consumeAndCommit(count: number): Promise<PerPartition> {
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  const seen: PerPartition = {};
  let total = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${total} of ${count} messages in 60 s`)), 60_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            seen[partition] = (seen[partition] ?? 0) + 1;
            if (++total === count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]).toMatchObject({ groupId, state: "Stable", protocolType: "consumer" });
    expect(groups[0]!.members).toHaveLength(1);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

/** The lag computation itself: end − committed per partition, "-1" (no commit) counting from 0. */
async function lagByPartition(): Promise<{ committed: PerPartition; end: PerPartition; lag: PerPartition }> {
  const [offsets, ends] = await Promise.all([
    retryRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] })),
    admin.fetchTopicOffsets(topic),
  ]);
  const committed: PerPartition = {};
  for (const { partition, offset } of offsets.find((t) => t.topic === topic)!.partitions)
    committed[partition] = Number(offset);
  const end: PerPartition = {};
  const lag: PerPartition = {};
  for (const { partition, high } of ends) {
    end[partition] = Number(high);
    lag[partition] = Number(high) - Math.max(committed[partition]!, 0);
  }
  return { committed, end, lag };
}

const allPartitions = (fill: (p: number) => number): PerPartition =>
  Object.fromEntries(Array.from({ length: PARTITIONS }, (_, p) => [p, fill(p)]));

describe("consumer-group lag through kafkajs admin", () => {
  let firstBatch: PerPartition;

  it("spreads keyed messages over every partition; a group that never committed has offset -1", async () => {
    firstBatch = await produce("a", FIRST_BATCH);
    // Keys are fixed, murmur2 is deterministic: each partition gets some of the 30.
    expect(Object.keys(firstBatch).map(Number).sort()).toEqual([0, 1, 2]);

    const { committed, end, lag } = await lagByPartition();
    expect(committed).toEqual(allPartitions(() => -1));
    expect(end).toEqual(allPartitions((p) => firstBatch[p]!));
    expect(lag).toEqual(end);
  });

  it("reads zero lag once the group has consumed and committed everything", async () => {
    const consumed = await consumeAndCommit(FIRST_BATCH);
    expect(consumed).toEqual(firstBatch);

    const { committed, lag } = await lagByPartition();
    expect(committed).toEqual(allPartitions((p) => firstBatch[p]!));
    expect(lag).toEqual(allPartitions(() => 0));
  });

  it("reads exactly the messages produced since the commit as lag, per partition", async () => {
    const secondBatch = await produce("b", SECOND_BATCH);

    const { committed, end, lag } = await lagByPartition();
    expect(committed).toEqual(allPartitions((p) => firstBatch[p]!));
    expect(end).toEqual(allPartitions((p) => firstBatch[p]! + (secondBatch[p] ?? 0)));
    expect(lag).toEqual(allPartitions((p) => secondBatch[p] ?? 0));
    expect(Object.values(lag).reduce((a, b) => a + b, 0)).toBe(SECOND_BATCH);
  });

  it("lists the idle group as Empty with its offsets kept", async () => {
    const { groups } = await retryRetriable(() => admin.listGroups());
    expect(groups).toContainEqual({ groupId, protocolType: "consumer" });
    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]).toMatchObject({ groupId, state: "Empty", members: [] });
  });

  it("deletes the topic", async () => {
    await admin.deleteGroups([groupId]);
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    expect(await admin.listTopics()).not.toContain(topic);
  });
});
