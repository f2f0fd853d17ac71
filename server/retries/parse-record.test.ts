import { describe, expect, it } from "vitest";
import { encodeFailureHeaders } from "@/lib/contract/headers";
import { errorFingerprint, headersAsText, parseQueueRecord, queueOfTopic, type RawRecord } from "./parse-record";

const record = (headers: Record<string, string>, over: Partial<RawRecord> = {}): RawRecord => ({
  topic: "sync.acme-health.dlq",
  partition: 2,
  offset: "41",
  timestampMs: Date.parse("2026-11-23T10:00:00Z"),
  key: "M-1",
  value: Buffer.from(JSON.stringify({ sourceLsn: "12345", data: {} })),
  headers,
  ...over,
});

describe("queueOfTopic", () => {
  it("knows a tenant's retry and dead-letter topics and nothing else", () => {
    expect(queueOfTopic("sync.acme-health.retry.10m")).toEqual({ tenant: "acme-health", kind: "retry" });
    expect(queueOfTopic("sync.acme-health.retry")).toEqual({ tenant: "acme-health", kind: "retry" });
    expect(queueOfTopic("sync.acme-health.dlq.10m")).toBeUndefined();
    expect(queueOfTopic("sync.acme-health.dlq")).toEqual({ tenant: "acme-health", kind: "dlq" });
    expect(queueOfTopic("sync.acme-health.updates")).toBeUndefined();
    expect(queueOfTopic("other.acme.dlq")).toBeUndefined();
  });
});

describe("parseQueueRecord", () => {
  it("reads our sync-* headers", () => {
    const headers = encodeFailureHeaders({
      attempt: 5,
      originalTopic: "sync.acme-health.updates",
      originalPartition: 1,
      originalOffset: "99",
      firstFailedAt: "2026-11-23T09:00:00.000Z",
      errorClass: "UnknownMember",
      errorMessage: "member M-1 is not in the target yet",
      stage: "update-processor",
      tenant: "acme-health",
      entity: "claim:C-9",
    });
    const parsed = parseQueueRecord(record(headers))!;
    expect(parsed).toMatchObject({
      tenant: "acme-health",
      kind: "dlq",
      headerFormat: "sync",
      errorClass: "UnknownMember",
      attempt: 5,
      stage: "update-processor",
      entity: "claim:C-9",
      originalTopic: "sync.acme-health.updates",
      originalPartition: 1,
      originalOffset: "99",
      key: "M-1",
      sourceLsn: "12345",
    });
    expect(parsed.firstFailedAt?.toISOString()).toBe("2026-11-23T09:00:00.000Z");
  });

  it("reads Spring Kafka's kafka_dlt-* headers, binary partition and offset included", () => {
    const partition = Buffer.alloc(4);
    partition.writeInt32BE(3);
    const offset = Buffer.alloc(8);
    offset.writeBigInt64BE(1234n);
    const headers = headersAsText({
      "kafka_dlt-exception-fqcn": Buffer.from("org.springframework.kafka.listener.ListenerExecutionFailedException"),
      "kafka_dlt-exception-cause-fqcn": Buffer.from("java.lang.IllegalStateException"),
      "kafka_dlt-exception-message": Buffer.from("Listener failed; bad state"),
      "kafka_dlt-original-topic": Buffer.from("orders"),
      "kafka_dlt-original-partition": partition,
      "kafka_dlt-original-offset": offset,
      "kafka_dlt-original-consumer-group": Buffer.from("orders-app"),
    });
    expect(parseQueueRecord(record(headers))).toMatchObject({
      headerFormat: "spring",
      errorClass: "IllegalStateException",
      errorMessage: "Listener failed; bad state",
      originalTopic: "orders",
      originalPartition: 3,
      originalOffset: "1234",
      stage: "orders-app",
    });
  });

  it("reads Kafka Connect's __connect.errors.* headers", () => {
    const parsed = parseQueueRecord(
      record({
        "__connect.errors.topic": "sync.acme-health.cdc.members",
        "__connect.errors.partition": "0",
        "__connect.errors.offset": "77",
        "__connect.errors.connector.name": "acme-sink",
        "__connect.errors.stage": "VALUE_CONVERTER",
        "__connect.errors.exception.class.name": "org.apache.kafka.connect.errors.DataException",
        "__connect.errors.exception.message": "Converting byte[] to Kafka Connect data failed",
      }),
    );
    expect(parsed).toMatchObject({
      headerFormat: "connect",
      errorClass: "DataException",
      stage: "acme-sink/VALUE_CONVERTER",
      originalTopic: "sync.acme-health.cdc.members",
      originalPartition: 0,
      originalOffset: "77",
    });
  });

  it("indexes a record without failure headers as unknown instead of dropping it", () => {
    expect(parseQueueRecord(record({}, { value: Buffer.from("not json") }))).toMatchObject({
      headerFormat: "none",
      errorClass: "unknown",
      sourceLsn: null,
    });
  });

  it("ignores records of other topics", () => {
    expect(parseQueueRecord(record({}, { topic: "sync.acme-health.updates" }))).toBeUndefined();
  });
});

describe("errorFingerprint", () => {
  it("groups messages that differ only in ids and numbers", () => {
    expect(errorFingerprint("UnknownMember", "member M-100234 is not in the target yet")).toBe(
      errorFingerprint("UnknownMember", "member M-88 is not in the target yet"),
    );
    expect(errorFingerprint("UnknownMember", "member M-1 is not in the target yet")).not.toBe(
      errorFingerprint("SchemaViolation", "member M-1 is not in the target yet"),
    );
  });
});
