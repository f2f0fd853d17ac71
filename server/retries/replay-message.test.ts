import { describe, expect, it } from "vitest";
import { decodeFailureHeaders } from "@/lib/contract/headers";
import { planReplay, rateLimitWaitMs, REPLAYED_FROM_HEADER, type ReplayRow } from "./replay-message";
import { selectionSchema, selectionToSql } from "./replay-selection";

const row: ReplayRow = {
  id: "7",
  tenant: "acme-health",
  topic: "sync.acme-health.dlq",
  partition: 1,
  offset: "12",
  key: "M-1",
  entity: "claim:C-1",
  errorClass: "UnknownMember",
  errorMessage: "member M-1 is not in the target yet",
  originalTopic: "sync.acme-health.updates",
  originalPartition: 0,
  originalOffset: "5",
  firstFailedAt: new Date("2026-11-23T09:00:00Z"),
  payload: Buffer.from("{}"),
};
const now = new Date("2026-11-23T12:00:00Z");

describe("planReplay", () => {
  it("sends the original bytes to the original topic as a first delivery", () => {
    const plan = planReplay(row, "original", now);
    expect(plan).toMatchObject({ kind: "send", topic: "sync.acme-health.updates" });
    if (plan.kind !== "send") throw new Error();
    expect(plan.message.key).toBe("M-1");
    expect(plan.message.value).toEqual(Buffer.from("{}"));
    expect(decodeFailureHeaders(plan.message.headers as Record<string, string>)).toBeUndefined();
    expect(plan.message.headers?.[REPLAYED_FROM_HEADER]).toBe("sync.acme-health.dlq:1:12");
  });

  it("sends to the first retry step as attempt 1, due now", () => {
    const plan = planReplay(row, "retry", now);
    if (plan.kind !== "send") throw new Error();
    expect(plan.topic).toBe("sync.acme-health.retry.1s");
    expect(planReplay(row, "retry", now, [200, 100])).toMatchObject({ topic: "sync.acme-health.retry.100ms" });
    const headers = decodeFailureHeaders(plan.message.headers as Record<string, string>)!;
    expect(headers).toMatchObject({
      attempt: 1,
      dueAt: now.toISOString(),
      originalTopic: "sync.acme-health.updates",
      entity: "claim:C-1",
    });
  });

  it("never sends to another tenant's topic or back into a DLQ", () => {
    expect(planReplay({ ...row, originalTopic: "sync.other-co.updates" }, "original", now)).toMatchObject({
      kind: "skip",
    });
    expect(planReplay({ ...row, originalTopic: "sync.acme-health.dlq" }, "original", now)).toMatchObject({
      kind: "skip",
    });
    expect(planReplay({ ...row, originalTopic: "sync.acme-health.retry.10s" }, "original", now)).toMatchObject({
      kind: "skip",
    });
    expect(planReplay({ ...row, originalTopic: null }, "original", now)).toMatchObject({ kind: "skip" });
    expect(planReplay({ ...row, payload: null }, "retry", now)).toMatchObject({ kind: "skip" });
  });
});

describe("rateLimitWaitMs", () => {
  it("waits until the rate allows the messages already sent", () => {
    expect(rateLimitWaitMs(1_000, 1_000, 200)).toBe(800);
    expect(rateLimitWaitMs(1_000, 1_000, 1_500)).toBe(0);
  });
});

describe("selection", () => {
  it("takes ids or a filter, not both and not neither", () => {
    expect(selectionSchema.safeParse({ ids: ["1"] }).success).toBe(true);
    expect(selectionSchema.safeParse({ filter: { errorClass: "X" } }).success).toBe(true);
    expect(selectionSchema.safeParse({ ids: ["1"], filter: {} }).success).toBe(false);
    expect(selectionSchema.safeParse({}).success).toBe(false);
  });

  it("always stays inside the tenant's dead-letter records and walks ids upward under a ceiling", () => {
    const where = selectionToSql("acme-health", { ids: ["1", "2"], maxId: "10" }, "1");
    expect(where.sql).toBe(
      "tenant = $1 AND kind = $2 AND id = ANY($3::bigint[]) AND id <= $4::bigint AND id > $5::bigint",
    );
    expect(where.params).toEqual(["acme-health", "dlq", ["1", "2"], "10", "1"]);
    expect(selectionToSql("acme-health", { filter: { state: "open", errorClass: "X" } }).sql).toBe(
      "tenant = $1 AND kind = $2 AND state = $3 AND error_class = $4",
    );
  });
});
