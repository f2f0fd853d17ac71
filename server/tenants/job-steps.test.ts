import { describe, expect, it } from "vitest";
import {
  failedStep,
  failStep,
  finishStep,
  initialSteps,
  nextStep,
  progress,
  resetFailed,
  startStep,
} from "./job-steps";

const t = new Date("2026-11-23T10:00:00Z");

describe("job steps", () => {
  it("starts every kind with all steps pending, in order", () => {
    const steps = initialSteps("provision");
    expect(steps.map((s) => s.key)).toEqual(["source", "topics", "connector", "deployments", "access"]);
    expect(steps.every((s) => s.state === "pending")).toBe(true);
    expect(initialSteps("offboard")[0]!.key).toBe("processors-stop");
  });

  it("walks the steps and reports progress", () => {
    let steps = initialSteps("suspend");
    expect(nextStep(steps)!.key).toBe("connector-pause");
    steps = finishStep(startStep(steps, "connector-pause", t), "connector-pause", t, "paused");
    expect(nextStep(steps)!.key).toBe("processors-stop");
    expect(progress(steps)).toBe(0.5);
    steps = finishStep(startStep(steps, "processors-stop", t), "processors-stop", t, "stopped");
    expect(nextStep(steps)).toBeUndefined();
    expect(progress(steps)).toBe(1);
  });

  it("runs a step left running by a dead worker again, counting the runs", () => {
    let steps = startStep(initialSteps("provision"), "source", t);
    expect(nextStep(steps)).toMatchObject({ key: "source", state: "running", runs: 1 });
    steps = startStep(steps, "source", t);
    expect(nextStep(steps)).toMatchObject({ key: "source", runs: 2 });
  });

  it("resets only the failed step for a retry, keeping done ones", () => {
    let steps = initialSteps("provision");
    steps = finishStep(startStep(steps, "source", t), "source", t, "ok");
    steps = failStep(startStep(steps, "topics", t), "topics", t, "broker down");
    expect(failedStep(steps)).toMatchObject({ key: "topics", error: "broker down" });
    const retried = resetFailed(steps);
    expect(retried.map((s) => s.state)).toEqual(["done", "pending", "pending", "pending", "pending"]);
    expect(failedStep(retried)).toBeUndefined();
  });

  it("refuses an unknown step", () => {
    expect(() => startStep(initialSteps("resume"), "nope", t)).toThrow("no step nope");
  });
});
