import { describe, expect, it } from "vitest";
import { describeRule } from "./describe-rule";

describe("describeRule", () => {
  it("puts each kind in words", () => {
    expect(
      describeRule({ kind: "lag_seconds", stage: "update-processor", threshold: 60, statuses: [], forMinutes: 5 }),
    ).toBe("update-processor: lag > 60 s for 5 min");
    expect(describeRule({ kind: "lag_seconds", stage: null, threshold: 30, statuses: [], forMinutes: 0 })).toBe(
      "any stage: lag > 30 s",
    );
    expect(describeRule({ kind: "status", stage: null, threshold: 0, statuses: ["ERR", "STOP"], forMinutes: 2 })).toBe(
      "any stage: status ERR or STOP for 2 min",
    );
    expect(describeRule({ kind: "dlq_growth", stage: null, threshold: 1, statuses: [], forMinutes: 10 })).toBe(
      "more than 1 new DLQ message within 10 min",
    );
    expect(describeRule({ kind: "reconcile_drift", stage: null, threshold: 0, statuses: [], forMinutes: 0 })).toBe(
      "reconciliation finds more than 0 differing ids",
    );
  });
});
