/**
 * A long-lived admin client while another client deletes topics, against a real broker
 * (KAFKA_BROKERS from the global setup). Pins down the kafkajs 2.2.4 trait the guard exists for: a
 * plain client that once read a topic's end offsets fails every later end-offset read, of any topic,
 * once that topic is deleted elsewhere; the console's guarded client keeps reading.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLevel, type Admin } from "kafkajs";
import { createKafka } from "./client";
import { guardAdmin, isUnknownTopic } from "./metadata-guard";

const run = randomUUID().slice(0, 8);
const [doomed, kept, later] = ["doomed", "kept", "later"].map((name) => `it.guard.${name}.${run}`) as [
  string,
  string,
  string,
];
const quiet = { logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100 } };
const env = { ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" };

let other: Admin;
let plain: Admin;
let guarded: Admin;

beforeAll(async () => {
  other = createKafka(env, quiet).admin();
  plain = createKafka(env, quiet).admin();
  guarded = guardAdmin(() => createKafka(env, quiet).admin());
  await Promise.all([other.connect(), plain.connect(), guarded.connect()]);
  await other.createTopics({
    topics: [doomed, kept].map((topic) => ({ topic, numPartitions: 2 })),
    waitForLeaders: true,
  });
  await Promise.all([plain.fetchTopicOffsets(doomed), guarded.fetchTopicOffsets(doomed)]);
  await other.deleteTopics({ topics: [doomed] });
});

afterAll(async () => {
  await other?.deleteTopics({ topics: [kept, later] }).catch(() => undefined);
  await Promise.all([other?.disconnect(), plain?.disconnect(), guarded?.disconnect()]);
});

describe("an admin client kept while topics are deleted elsewhere", () => {
  it("kafkajs alone: once a topic it read is deleted, reading another topic's end offsets fails", async () => {
    const error = await plain.fetchTopicOffsets(kept).catch((e: unknown) => e);
    expect(isUnknownTopic(error)).toBe(true);
  });

  it("guarded: other topics still read, the deleted one answers unknown at once", async () => {
    const offsets = await guarded.fetchTopicOffsets(kept);
    expect(offsets.map((o) => o.partition).sort()).toEqual([0, 1]);

    const started = performance.now();
    const error = await guarded.fetchTopicOffsets(doomed).catch((e: unknown) => e);
    expect(isUnknownTopic(error)).toBe(true);
    expect((error as { retriable: boolean }).retriable).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000); // kafkajs alone retries it for seconds
  });

  it("guarded: a topic created after the client's last listing is read, and its metadata too", async () => {
    await other.createTopics({ topics: [{ topic: later, numPartitions: 3 }], waitForLeaders: true });
    expect(await guarded.fetchTopicOffsets(later)).toHaveLength(3);
    const metadata = await guarded.fetchTopicMetadata({ topics: [later, kept] });
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
      [
        [later, 3],
        [kept, 2],
      ].sort(),
    );
  });
});
