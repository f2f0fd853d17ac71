import { describe, expect, it } from "vitest";
import { moveView } from "./move-view";

const row = {
  id: "m1",
  tenant: "acme",
  environmentId: "local",
  fromPlacement: "pool-small",
  toPlacement: "dedicated",
  state: "RUNNING",
  step: "consume",
  message: "waiting",
  requestedBy: "ops@example.com",
  startedAt: new Date("2026-12-04T10:00:00Z"),
  finishedAt: null as Date | null,
};
const statuses = (r: typeof row) => moveView(r).steps.map((s) => `${s.step}:${s.status}`);

describe("moveView", () => {
  it("marks the steps before the current one done and the later ones pending", () => {
    expect(statuses(row)).toEqual(["release:done", "consume:current", "catch-up:pending", "done:pending"]);
    expect(moveView(row)).toMatchObject({ from: "pool-small", to: "dedicated", percent: 40, finishedAt: null });
  });

  it("marks the step a failed move stopped at as failed, and every step of a finished one done", () => {
    expect(statuses({ ...row, state: "FAILED" })).toEqual([
      "release:done",
      "consume:failed",
      "catch-up:pending",
      "done:pending",
    ]);
    const done = { ...row, state: "SUCCEEDED", step: "done", finishedAt: new Date("2026-12-04T10:01:00Z") };
    expect(statuses(done)).toEqual(["release:done", "consume:done", "catch-up:done", "done:done"]);
    expect(moveView(done)).toMatchObject({ percent: 100, finishedAt: "2026-12-04T10:01:00.000Z" });
  });
});
