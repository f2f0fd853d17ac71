import { describe, expect, it } from "vitest";
import { buildTimeline, deriveSyncState, errorReason, type EntityVersions, type TrailEvent } from "./sync-state";

const NOW = new Date("2026-11-23T10:50:00.000Z");
const ev = (stage: string, outcome: string, processedAt: string, extra: Partial<TrailEvent> = {}): TrailEvent => ({
  stage,
  outcome,
  processedAt,
  topic: stage === "cdc-processor" ? "sync.acme-health.cdc.claims" : "sync.acme-health.updates",
  partition: 0,
  offset: "7",
  sourceTs: null,
  error: null,
  ...extra,
});
const applied = (v: string): EntityVersions["target"] => ({
  version: v,
  sourceTs: "2026-11-23T10:40:00.000Z",
  appliedAt: "2026-11-23T10:40:02.000Z",
  deleted: false,
});
const source = (v: string, updatedAt = "2026-11-23T10:40:00.000Z") => ({ version: v, updatedAt });

describe("deriveSyncState", () => {
  it("in sync when the target has the source's version, with the end-to-end latency", () => {
    expect(
      deriveSyncState(
        { source: source("3"), target: applied("3") },
        [ev("update-processor", "applied", "2026-11-23T10:40:02.000Z")],
        NOW,
      ),
    ).toEqual({ kind: "in_sync", latencyMs: 2000 });
  });

  it("in flight while a newer source version is on its way, saying where and for how long", () => {
    const state = deriveSyncState(
      { source: source("4", "2026-11-23T10:49:50.000Z"), target: applied("3") },
      [ev("cdc-processor", "produced", "2026-11-23T10:49:51.000Z")],
      NOW,
    );
    expect(state).toEqual({
      kind: "in_flight",
      where: "on sync.acme-health.updates, waiting for the update-processor",
      sinceMs: 10_000,
    });
  });

  it("retrying: attempt n, next try from the schedule, the error", () => {
    const events = [
      ev("update-processor", "retried", "2026-11-23T10:49:00.000Z", {
        error: "UnknownMember: member M1 is not in the target yet",
      }),
      ev("update-processor", "retried", "2026-11-23T10:49:30.000Z", {
        error: "UnknownMember: member M1 is not in the target yet",
      }),
    ];
    expect(deriveSyncState({ source: source("1"), target: null }, events, NOW)).toEqual({
      kind: "retrying",
      attempt: 2,
      nextTryAt: "2026-11-23T10:49:40.000Z",
      error: "member M1 is not in the target yet",
    });
  });

  it("failed when the last word is the dead-letter topic, with the attempts and since when", () => {
    const events = [
      ev("update-processor", "retried", "2026-11-23T10:41:00.000Z"),
      ev("update-processor", "retried", "2026-11-23T10:41:01.000Z"),
      ev("retry-processor", "dead_lettered", "2026-11-23T10:42:00.000Z", {
        error: "ValidationError: pharmacy id unknown",
        topic: "sync.acme-health.retry",
        offset: "12",
      }),
    ];
    expect(deriveSyncState({ source: source("1"), target: null }, events, NOW)).toEqual({
      kind: "failed",
      reason: "pharmacy id unknown",
      attempts: 2,
      since: "2026-11-23T10:42:00.000Z",
      offset: "sync.acme-health.retry/0@12",
    });
  });

  it("a later successful apply clears an old failure", () => {
    const events = [
      ev("cdc-processor", "dead_lettered", "2026-11-23T10:41:00.000Z"),
      ev("update-processor", "applied", "2026-11-23T10:45:00.000Z"),
    ];
    expect(deriveSyncState({ source: source("2"), target: applied("2") }, events, NOW).kind).toBe("in_sync");
  });

  it("missing in target or differing from the source once a change is older than the stuck limit", () => {
    const old = "2026-11-23T10:00:00.000Z";
    expect(deriveSyncState({ source: source("1", old), target: null }, [], NOW)).toMatchObject({ kind: "missing" });
    expect(deriveSyncState({ source: source("5", old), target: applied("3") }, [], NOW)).toEqual({
      kind: "differs",
      detail: "source has version 5, target has 3",
    });
    expect(deriveSyncState({ source: null, target: applied("3") }, [], NOW)).toMatchObject({ kind: "differs" });
  });

  it("without the source the trail alone decides", () => {
    expect(
      deriveSyncState(
        { source: undefined, target: applied("3") },
        [ev("update-processor", "applied", "2026-11-23T10:40:02.000Z")],
        NOW,
      ).kind,
    ).toBe("in_sync");
    expect(
      deriveSyncState(
        { source: undefined, target: applied("3") },
        [ev("cdc-processor", "produced", "2026-11-23T10:49:00.000Z")],
        NOW,
      ),
    ).toMatchObject({ kind: "in_flight", sinceMs: 60_000 });
  });
});

describe("errorReason", () => {
  it("drops the error class", () => {
    expect(errorReason("ValidationError: ndc must be 11 digits")).toBe("ndc must be 11 digits");
    expect(errorReason(null)).toBe("no reason recorded");
    expect(errorReason("plain words")).toBe("plain words");
  });
});

describe("buildTimeline", () => {
  it("starts at the source commit and measures each hop", () => {
    const steps = buildTimeline([
      ev("update-processor", "applied", "2026-11-23T10:40:02.000Z", { sourceTs: "2026-11-23T10:40:00.000Z" }),
      ev("cdc-processor", "produced", "2026-11-23T10:40:00.500Z", { sourceTs: "2026-11-23T10:40:00.000Z" }),
    ]);
    expect(steps.map((s) => [s.label, s.hopMs])).toEqual([
      ["source commit", null],
      ["CDC topic → update", 500],
      ["apply", 1500],
    ]);
  });
});
