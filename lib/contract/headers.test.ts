import { describe, expect, it } from "vitest";
import { decodeFailureHeaders, encodeFailureHeaders, type FailureHeaders } from "./headers";

const failure: FailureHeaders = {
  attempt: 2,
  originalTopic: "sync.acme-health.updates",
  originalPartition: 4,
  originalOffset: "1234",
  firstFailedAt: "2026-11-23T10:00:00.000Z",
  dueAt: "2026-11-23T10:00:10.000Z",
  errorClass: "UnknownMember",
  errorMessage: "member 100234 does not exist in the target",
  stage: "update-processor",
  tenant: "acme-health",
  entity: "claim:C-88",
};

describe("failure headers", () => {
  it("round-trip through Kafka's Buffer headers", () => {
    const asKafka = Object.fromEntries(
      Object.entries(encodeFailureHeaders(failure)).map(([k, v]) => [k, Buffer.from(v)]),
    );
    expect(decodeFailureHeaders(asKafka)).toEqual(failure);
  });

  it("are absent on a message that never failed", () => {
    expect(decodeFailureHeaders({})).toBeUndefined();
    expect(decodeFailureHeaders({ "sync-attempt": "zero" })).toBeUndefined();
  });

  it("bound the error message", () => {
    const encoded = encodeFailureHeaders({ ...failure, errorMessage: "x".repeat(5_000) });
    expect(encoded["sync-error-message"]).toHaveLength(2_000);
  });
});
