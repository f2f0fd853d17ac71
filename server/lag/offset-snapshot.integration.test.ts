/**
 * The snapshot the lag sampler takes, against the real broker: a group that consumed part of a
 * topic and left (no members), and a group that is still connected.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { logLevel, type Admin, type Consumer, type Kafka, type Producer } from "kafkajs";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { readOffsetSnapshot } from "./offset-snapshot";

const run = randomUUID().slice(0, 8);
const topic = `it.snapshot.${run}`;
const stoppedGroup = `it.snapshot.${run}.stopped`;
const liveGroup = `it.snapshot.${run}.live`;

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let live: Consumer;

beforeAll(async () => {
  kafka = createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  // 20 messages on partition 0, 10 on partition 1.
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 20 }, (_, i) => ({ partition: 0, value: `a${i}` })),
  });
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 10 }, (_, i) => ({ partition: 1, value: `b${i}` })),
  });
  await admin.setOffsets({
    groupId: stoppedGroup,
    topic,
    partitions: [
      { partition: 0, offset: "15" },
      { partition: 1, offset: "10" },
    ],
  });

  live = kafka.consumer({ groupId: liveGroup, maxWaitTimeInMs: 100 });
  await live.connect();
  await live.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void live.run({
      autoCommit: true,
      autoCommitThreshold: 1,
      eachMessage: async () => {
        seen += 1;
        if (seen === 30) resolve();
      },
    });
  });
  await live.commitOffsets([]).catch(() => undefined);
});

afterAll(async () => {
  await live?.disconnect();
  await admin?.deleteGroups([stoppedGroup, liveGroup]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
});

it("reads end offsets and committed offsets of every group in one snapshot", async () => {
  const snapshot = await readOffsetSnapshot(admin, { now: () => 42 });
  expect(snapshot.atMs).toBe(42);
  expect(snapshot.endOffsets.get(topic)).toEqual(
    new Map([
      [0, 20],
      [1, 10],
    ]),
  );

  const stopped = snapshot.groups.find((g) => g.groupId === stoppedGroup);
  expect(stopped).toMatchObject({ members: 0 });
  expect(stopped!.committed.get(topic)).toEqual(
    new Map([
      [0, 15],
      [1, 10],
    ]),
  );

  await expect
    .poll(
      async () => {
        const again = await readOffsetSnapshot(admin);
        const group = again.groups.find((g) => g.groupId === liveGroup);
        return { members: group?.members, state: group?.state, committed: group?.committed.get(topic) };
      },
      { timeout: 15_000 },
    )
    .toEqual({
      members: 1,
      state: "Stable",
      committed: new Map([
        [0, 20],
        [1, 10],
      ]),
    });
});
