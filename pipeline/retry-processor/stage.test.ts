import type { KafkaMessage } from "kafkajs";
import { describe, expect, it } from "vitest";
import { decodeFailureHeaders, encodeFailureHeaders } from "@/lib/contract/headers";
import { routeRetryBatch } from "./stage";

const now = new Date("2026-11-23T10:00:00.000Z");
const schedule = { delaysMs: [100, 200], maxAttempts: 3 };
const at = { topic: "sync.acme.retry", partition: 0 };

function retryMessage(offset: number, attempt: number, dueInMs: number): KafkaMessage {
  return {
    key: Buffer.from("m-1"),
    value: Buffer.from(`{"n":${offset}}`),
    offset: String(offset),
    timestamp: String(now.getTime() - 1_000),
    attributes: 0,

    headers: encodeFailureHeaders({
      attempt,
      originalTopic: "sync.acme.updates",
      originalPartition: 2,
      originalOffset: "40",
      firstFailedAt: "2026-11-23T09:59:00.000Z",
      dueAt: new Date(now.getTime() + dueInMs).toISOString(),
      errorClass: "UnknownMember",
      errorMessage: "member m-1 is not in the target yet",
      stage: "update-processor",
      tenant: "acme",
      entity: `claim:c-${offset}`,
    }),
  };
}

describe("routeRetryBatch", () => {
  it("forwards due messages with the attempt incremented and stops at the first one not due", () => {
    const routed = routeRetryBatch(
      "acme",
      at,
      [retryMessage(0, 1, -5), retryMessage(1, 2, 50), retryMessage(2, 1, -5)],
      schedule,
      now,
    );
    expect(routed.forward).toHaveLength(1);
    expect(decodeFailureHeaders(routed.forward[0]!.headers as Record<string, string>)).toMatchObject({
      attempt: 2,
      originalOffset: "40",
      entity: "claim:c-0",
      dueAt: undefined,
    });
    expect(routed.forward[0]!.value).toEqual(Buffer.from('{"n":0}'));
    expect(routed.lastHandled).toBe("0");
    expect(routed.waiting).toEqual({ offset: "1", waitMs: 50 });
    expect(routed.trail.map((r) => [r.entityRef, r.outcome])).toEqual([["claim:c-0", "produced"]]);
  });

  it("dead-letters exhausted messages at once, whatever their due time, keeping the reason and origin", () => {
    const routed = routeRetryBatch("acme", at, [retryMessage(7, 3, 10_000)], schedule, now);
    expect(routed.forward).toEqual([]);
    expect(routed.waiting).toBeUndefined();
    expect(routed.lastHandled).toBe("7");
    const headers = decodeFailureHeaders(routed.deadLetter[0]!.headers as Record<string, string>);
    expect(headers).toMatchObject({
      attempt: 3,
      originalTopic: "sync.acme.updates",
      originalOffset: "40",
      errorClass: "UnknownMember",
      stage: "retry-processor",
      errorMessage:
        "attempts exhausted: attempt 3 of at most 3 failed; last error: member m-1 is not in the target yet",
    });
  });

  it("dead-letters a message without our headers instead of guessing", () => {
    const bare: KafkaMessage = {
      key: null,
      value: Buffer.from("x"),
      offset: "3",
      timestamp: "0",
      attributes: 0,
      headers: {},
    };
    const routed = routeRetryBatch("acme", at, [bare], schedule, now);
    expect(decodeFailureHeaders(routed.deadLetter[0]!.headers as Record<string, string>)).toMatchObject({
      errorClass: "MissingRetryHeaders",
      originalOffset: "3",
    });
  });
});
