/**
 * The retry-processor against the real broker (short schedule via RETRY_DELAYS_MS): a message
 * not yet due waits without holding up another partition, due messages re-enter the updates topic
 * with the attempt incremented, and exhausted ones land in the DLQ with the headers.
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "../../server/kafka/client";
import { ensureTenantTopics } from "../shared/ensure-topics";
import { encodeFailureHeaders } from "../shared/headers";
import { startProcessor, type RunningProcessor } from "../shared/runner";
import { readTopic, testKafka, testTenant } from "../shared/testing";
import { tenantTopics } from "../shared/topics";
import { retryProcessorStage } from "./stage";

const tenant = testTenant("it-retry");
const topics = tenantTopics(tenant);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let processor: RunningProcessor | undefined;

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 2);
});

afterAll(async () => {
  await processor?.stop();
  await producer?.disconnect();
  await admin?.disconnect();
});

function headers(entity: string, attempt: number, dueAt: Date) {
  return encodeFailureHeaders({
    attempt,
    originalTopic: topics.updates,
    originalPartition: 0,
    originalOffset: "17",
    firstFailedAt: new Date().toISOString(),
    dueAt: dueAt.toISOString(),
    errorClass: "UnknownMember",
    errorMessage: "member m-9 is not in the target yet",
    stage: "update-processor",
    tenant,
    entity,
  });
}

describe("retry-processor", () => {
  it("forwards due messages, waits for later ones without blocking other partitions, dead-letters exhausted ones", async () => {
    const started = Date.now();
    const laterDue = new Date(started + 3_000);
    await producer.send({
      topic: topics.retry,
      acks: -1,
      messages: [
        { partition: 0, key: "m-9", value: "later", headers: headers("claim:later", 1, laterDue) },
        { partition: 1, key: "m-9", value: "due", headers: headers("claim:due", 1, new Date(started - 1)) },
        { partition: 1, key: "m-9", value: "exhausted", headers: headers("claim:exhausted", 3, new Date(started + 60_000)) },
      ],
    });
    processor = await startProcessor(retryProcessorStage, ["--tenant", tenant], { ...process.env, RETRY_DELAYS_MS: "200,400", RETRY_MAX_ATTEMPTS: "3" });

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

    const forwarded = await readTopic(kafka, topics.updates, 2, 20_000, (ms) => ms.some((m) => m.value === "due") && ms.some((m) => m.value === "later"));
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
});
