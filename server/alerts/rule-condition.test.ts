import { describe, expect, it } from "vitest";
import { dlqGrowth, measure, type RuleSpec, type TenantObservation } from "./rule-condition";

const observation: TenantObservation = {
  atMs: 600_000,
  stages: [
    { stage: "cdc-processor", status: "OK", lagSeconds: 2, reason: "keeping up" },
    { stage: "update-processor", status: "STOP", lagSeconds: 95.5, reason: "no commits for 3 min" },
    { stage: "retry-processor", status: "OK", lagSeconds: 400, reason: "waiting" },
  ],
  dlqHistory: [
    { atMs: 0, end: 10 },
    { atMs: 300_000, end: 12 },
    { atMs: 540_000, end: 15 },
    { atMs: 600_000, end: 19 },
  ],
};
const rule = (over: Partial<RuleSpec>): RuleSpec => ({
  kind: "lag_seconds",
  stage: null,
  threshold: 60,
  statuses: [],
  forMinutes: 0,
  ...over,
});

describe("measure", () => {
  it("takes the worst stage's lag seconds, or the chosen stage's", () => {
    expect(measure(rule({ threshold: 300 }), observation)).toMatchObject({ holds: true, value: 400 });
    const update = measure(rule({ stage: "update-processor" }), observation);
    expect(update).toMatchObject({ holds: true, value: 95.5 });
    expect(update.summary).toBe("update-processor lag 95.5 s (threshold 60 s)");
    expect(measure(rule({ stage: "cdc-processor" }), observation).holds).toBe(false);
  });

  it("holds a status rule while a stage is in one of its statuses, naming the stage and reason", () => {
    const m = measure(rule({ kind: "status", statuses: ["ERR", "STOP"] }), observation);
    expect(m).toEqual({ known: true, holds: true, value: 1, summary: "update-processor STOP: no commits for 3 min" });
    expect(measure(rule({ kind: "status", statuses: ["ERR"] }), observation).holds).toBe(false);
  });

  it("knows nothing of a stage it has not seen, or of a DLQ without history", () => {
    const empty = { ...observation, stages: [], dlqHistory: [] };
    expect(measure(rule({}), empty).known).toBe(false);
    expect(measure(rule({ kind: "status", statuses: ["ERR"] }), empty).known).toBe(false);
    expect(measure(rule({ kind: "dlq_growth", forMinutes: 5 }), empty).known).toBe(false);
  });

  it("counts DLQ arrivals within the rule's window", () => {
    expect(measure(rule({ kind: "dlq_growth", threshold: 5, forMinutes: 5 }), observation)).toMatchObject({
      holds: true,
      value: 7,
    });
    expect(measure(rule({ kind: "dlq_growth", threshold: 5, forMinutes: 1 }), observation)).toMatchObject({
      holds: false,
      value: 4,
    });
  });
});

describe("measure reconcile_drift", () => {
  it("knows drift only from a finished run, and holds above the threshold", () => {
    expect(measure(rule({ kind: "reconcile_drift", threshold: 0 }), observation).known).toBe(false);
    const drift = measure(rule({ kind: "reconcile_drift", threshold: 0 }), { ...observation, reconcileDifferences: 3 });
    expect(drift).toMatchObject({ known: true, holds: true, value: 3 });
    expect(drift.summary).toBe("reconciliation found 3 ids differing between source and target (threshold 0)");
    expect(
      measure(rule({ kind: "reconcile_drift", threshold: 5 }), { ...observation, reconcileDifferences: 3 }).holds,
    ).toBe(false);
    expect(
      measure(rule({ kind: "reconcile_drift", threshold: 0 }), { ...observation, reconcileDifferences: 0 }).holds,
    ).toBe(false);
  });
});

describe("dlqGrowth", () => {
  it("is zero without history and never negative after a topic is recreated", () => {
    expect(dlqGrowth([], 0, 5)).toBe(0);
    expect(
      dlqGrowth(
        [
          { atMs: 0, end: 50 },
          { atMs: 1000, end: 0 },
        ],
        1000,
        5,
      ),
    ).toBe(0);
  });
});
