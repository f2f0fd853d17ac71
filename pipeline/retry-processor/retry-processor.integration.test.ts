/**
 * The retry-processor against the real broker: a message not yet due waits without holding up
 * another partition, due messages re-enter the updates topic with the attempt incremented, and
 * exhausted ones land in the DLQ with the headers (short schedule via RETRY_DELAYS_MS). With the
 * default schedule, a 1 s retry is forwarded on time while a 10-minute one is held for the same
 * member, an upgraded tenant's tier topics are created when the processor starts, and records left
 * in the single retry topic of earlier versions are still retried.
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer, retryRetriable } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { encodeFailureHeaders } from "@/lib/contract/headers";
import { startProcessor, type RunningProcessor } from "../shared/runner";
import { readTopic, testKafka, testTenant, waitFor } from "../shared/testing";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { retryProcessorStage } from "./stage";

const SHORT = { RETRY_DELAYS_MS: "200,400", RETRY_MAX_ATTEMPTS: "3" };
const tenant = testTenant("it-retry");
const topics = tenantTopics(tenant);
const tiered = testTenant("it-retry-tiers");
const tieredTopics = tenantTopics(tiered);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const processors: RunningProcessor[] = [];

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 2, { ...process.env, ...SHORT });
  // a tenant provisioned by an earlier version: one retry topic, no tier topics yet
  await retryRetriable(() =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [tieredTopics.updates, tieredTopics.legacyRetry, tieredTopics.dlq].map((topic) => ({
        topic,
        numPartitions: 2,
        configEntries: [{ name: "retention.ms", value: "7200000" }],
      })),
    }),
  );
});

afterAll(async () => {
  for (const processor of processors) await processor.stop();
  await producer?.disconnect();
  await admin?.disconnect();
});

function headers(entity: string, attempt: number, dueAt: Date, owner: string = tenant) {
  return encodeFailureHeaders({
    attempt,
    originalTopic: tenantTopics(owner).updates,
    originalPartition: 0,
    originalOffset: "17",
    firstFailedAt: new Date().toISOString(),
    dueAt: dueAt.toISOString(),
    errorClass: "UnknownMember",
    errorMessage: "member m-9 is not in the target yet",
    stage: "update-processor",
    tenant: owner,
    entity,
  });
}

describe("retry-processor", () => {
  it("forwards due messages, waits for later ones without blocking other partitions, dead-letters exhausted ones", async () => {
    // the processor is in its group before the clock starts: a fresh broker's first join can take seconds
    processors.push(await startProcessor(retryProcessorStage, ["--tenant", tenant], { ...process.env, ...SHORT }));
    await waitFor("the retry-processor's group to be stable", async () => {
      const { groups } = await admin.describeGroups([consumerGroup(tenant, "retry-processor")]);
      return groups[0]?.state === "Stable" ? true : undefined;
    });
    const started = Date.now();
    const laterDue = new Date(started + 3_000);
    const [first, last] = topics.retryTiers([200, 400]);
    await producer.send({
      topic: first!,
      acks: -1,
      messages: [
        { partition: 0, key: "m-9", value: "later", headers: headers("claim:later", 1, laterDue) },
        { partition: 1, key: "m-9", value: "due", headers: headers("claim:due", 1, new Date(started - 1)) },
      ],
    });
    await producer.send({
      topic: last!,
      acks: -1,
      messages: [
        {
          partition: 1,
          key: "m-9",
          value: "exhausted",
          headers: headers("claim:exhausted", 3, new Date(started + 60_000)),
        },
      ],
    });

    const [dead] = await readTopic(kafka, topics.dlq, 1);
    expect(dead).toMatchObject({ key: "m-9", value: "exhausted" });
    expect(dead!.headers).toMatchObject({
      "sync-attempt": "3",
      "sync-original-topic": topics.updates,
      "sync-original-offset": "17",
      "sync-error-class": "UnknownMember",
      "sync-stage": "retry-processor",
      "sync-entity": "claim:exhausted",
    });
    expect(dead!.headers["sync-error-message"]).toMatch(/^attempts exhausted: attempt 3 of at most 3 failed/);

    const forwarded = await readTopic(
      kafka,
      topics.updates,
      2,
      20_000,
      (ms) => ms.some((m) => m.value === "due") && ms.some((m) => m.value === "later"),
    );
    // first arrival of each (a consumer restart may forward a message twice: at-least-once)
    const byValue = Object.fromEntries(forwarded.toReversed().map((m) => [m.value, m]));
    expect(byValue.due!.headers["sync-attempt"]).toBe("2");
    expect(byValue.later!.headers["sync-attempt"]).toBe("2");
    expect(byValue.due!.headers["sync-due-at"]).toBeUndefined();
    // the due message on partition 1 did not wait for partition 0's later one…
    expect(Number(byValue.due!.timestamp)).toBeLessThan(laterDue.getTime());
    // …which was held until its due time
    expect(Number(byValue.later!.timestamp)).toBeGreaterThanOrEqual(laterDue.getTime());
  });

  it("forwards a 1 s retry on time while a 10-minute one is held for the same member, and drains the legacy retry topic", async () => {
    const env = { ...process.env, RETRY_DELAYS_MS: undefined, RETRY_MAX_ATTEMPTS: undefined };
    const tenMinutes = tieredTopics.retryTier(600_000);
    const oneSecond = tieredTopics.retryTier(1_000);
    // a record left in the legacy topic before the upgrade, already due
    await producer.send({
      topic: tieredTopics.legacyRetry,
      acks: -1,
      messages: [
        {
          partition: 1,
          key: "m-2",
          value: "legacy",
          headers: headers("claim:legacy", 1, new Date(Date.now() - 1), tiered),
        },
      ],
    });
    processors.push(await startProcessor(retryProcessorStage, ["--tenant", tiered], env));

    // the upgraded processor created the tier topics like the updates topic: 2 partitions, its retention
    const tiers = tieredTopics.retryTiers([1_000, 10_000, 60_000, 600_000]);
    const metadata = await admin.fetchTopicMetadata({ topics: tiers });
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(tiers.map((t) => [t, 2]).sort());
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: tenMinutes, configNames: ["retention.ms"] }],
    });
    expect(configs.resources[0]!.configEntries[0]!.configValue).toBe("7200000");

    // attempt 4 waits 10 minutes, on partition 0 of its tier
    await producer.send({
      topic: tenMinutes,
      acks: -1,
      messages: [
        {
          partition: 0,
          key: "m-1",
          value: "ten-minutes",
          headers: headers("claim:slow", 4, new Date(Date.now() + 600_000), tiered),
        },
      ],
    });

    const [legacy] = await readTopic(kafka, tieredTopics.updates, 1, 20_000, (ms) =>
      ms.some((m) => m.value === "legacy"),
    );
    expect(legacy).toMatchObject({ key: "m-2", value: "legacy" });
    // the processor is consuming; give it time to read the 10-minute record and pause on it
    await sleep(1_000);

    // attempt 1 of the same member, due in 1 s, on the same partition number of the 1 s tier
    const writtenAt = Date.now();
    const dueAt = writtenAt + 1_000;
    await producer.send({
      topic: oneSecond,
      acks: -1,
      messages: [
        { partition: 0, key: "m-1", value: "one-second", headers: headers("claim:fast", 1, new Date(dueAt), tiered) },
      ],
    });

    const forwarded = await readTopic(kafka, tieredTopics.updates, 2, 20_000, (ms) =>
      ms.some((m) => m.value === "one-second"),
    );
    const fast = forwarded.find((m) => m.value === "one-second")!;
    expect(fast.headers["sync-attempt"]).toBe("2");
    expect(Number(fast.timestamp)).toBeGreaterThanOrEqual(dueAt);
    expect(Number(fast.timestamp) - writtenAt).toBeLessThanOrEqual(2_000);
    // the 10-minute record is still held: not forwarded, not committed past
    expect(forwarded.some((m) => m.value === "ten-minutes")).toBe(false);
    expect((await committedOffset(tenMinutes, 0)) ?? 0).toBe(0);
    expect(await committedOffset(oneSecond, 0)).toBe(1);
  });
});

/** The tiered tenant's retry-processor's committed offset on a partition; undefined before it read there. */
async function committedOffset(topic: string, partition: number): Promise<number | undefined> {
  const [offsets] = await admin.fetchOffsets({ groupId: consumerGroup(tiered, "retry-processor"), topics: [topic] });
  const offset = Number(offsets?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
  return offset < 0 ? undefined : offset;
}
