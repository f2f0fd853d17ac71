import { describe, expect, it } from "vitest";
import { advanceMove, moveProgressPercent, type MoveObservation, type MoveProgress } from "./move-steps";

const t0 = new Date("2026-12-04T10:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const limits = { stepTimeoutMs: 60_000, maxLag: 10 };
const start: MoveProgress = { state: "RUNNING", step: "release", stepStartedAt: t0, message: "" };
const stages = ["cdc-processor", "update-processor"];
const settled: MoveObservation = {
  oldServing: [],
  newMissing: [],
  groups: stages.map((stage) => ({ stage, members: 1, lag: 0 })),
};

describe("advanceMove", () => {
  it("waits while the old target still serves, saying where", () => {
    const seen = { ...settled, oldServing: ["update-processor"] };
    expect(advanceMove(start, seen, at(5), limits)).toEqual({
      ...start,
      message: "waiting for the old target to release the tenant: still serving update-processor",
    });
  });

  it("goes through every step at once when all is already true, and succeeds", () => {
    expect(advanceMove(start, settled, at(1), limits)).toEqual({
      state: "SUCCEEDED",
      step: "done",
      stepStartedAt: at(1),
      message: "moved; caught up (0 message(s) behind in all)",
    });
  });

  it("stops at the first step not yet true, with its own clock", () => {
    const seen = { ...settled, newMissing: ["cdc-processor"] };
    expect(advanceMove(start, seen, at(30), limits)).toEqual({
      state: "RUNNING",
      step: "consume",
      stepStartedAt: at(30),
      message: "waiting for the new target to consume: no live instance yet in cdc-processor",
    });
  });

  it("is caught up only when every group has members and lag within the bound", () => {
    const catchUp: MoveProgress = { state: "RUNNING", step: "catch-up", stepStartedAt: t0, message: "" };
    const behind = {
      ...settled,
      groups: [
        { stage: "cdc-processor", members: 0, lag: 0 },
        { stage: "update-processor", members: 1, lag: 11 },
      ],
    };
    expect(advanceMove(catchUp, behind, at(5), limits).message).toBe(
      "waiting for the tenant's groups to catch up: cdc-processor has no members, update-processor 11 message(s) behind",
    );
    const within = { ...settled, groups: [{ stage: "update-processor", members: 2, lag: 10 }] };
    expect(advanceMove(catchUp, within, at(5), limits)).toMatchObject({ state: "SUCCEEDED", step: "done" });
  });

  it("fails a step that takes longer than the timeout, naming the step and what it waited for", () => {
    const seen = { ...settled, oldServing: ["cdc-processor"] };
    expect(advanceMove(start, seen, at(61), limits)).toEqual({
      state: "FAILED",
      step: "release",
      stepStartedAt: t0,
      message: "release did not happen within 60 s: still serving cdc-processor",
    });
    expect(advanceMove(start, seen, at(60), limits).state).toBe("RUNNING");
  });

  it("leaves a finished move alone", () => {
    const failed: MoveProgress = { state: "FAILED", step: "consume", stepStartedAt: t0, message: "x" };
    expect(advanceMove(failed, settled, at(1), limits)).toBe(failed);
  });

  it("returns the same move when nothing changed (nothing to write)", () => {
    const seen = { ...settled, oldServing: ["cdc-processor"] };
    const once = advanceMove(start, seen, at(1), limits);
    expect(advanceMove(once, seen, at(2), limits)).toBe(once);
  });
});

describe("moveProgressPercent", () => {
  it("grows with the steps and is whole once succeeded", () => {
    expect(moveProgressPercent({ state: "RUNNING", step: "release" })).toBe(20);
    expect(moveProgressPercent({ state: "RUNNING", step: "catch-up" })).toBe(60);
    expect(moveProgressPercent({ state: "FAILED", step: "consume" })).toBe(40);
    expect(moveProgressPercent({ state: "SUCCEEDED", step: "done" })).toBe(100);
  });
});
