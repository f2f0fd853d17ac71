import { describe, expect, it } from "vitest";
import { stepRule, type RuleState } from "./rule-state";

const idle: RuleState = { pendingSince: null, firing: false };
const holds = { known: true, holds: true, value: 90, summary: "lag 90 s" };
const clear = { known: true, holds: false, value: 3, summary: "lag 3 s" };
const min = 60_000;

describe("stepRule", () => {
  it("waits for the condition to hold for the whole duration before firing", () => {
    const rule = { kind: "lag_seconds" as const, forMinutes: 5 };
    let step = stepRule(rule, idle, holds, 0);
    expect(step).toEqual({ state: { pendingSince: 0, firing: false }, transition: null });
    step = stepRule(rule, step.state, holds, 4 * min);
    expect(step.transition).toBeNull();
    step = stepRule(rule, step.state, holds, 5 * min);
    expect(step).toEqual({ state: { pendingSince: 0, firing: true }, transition: "firing" });
    expect(stepRule(rule, step.state, holds, 6 * min).transition).toBeNull(); // fires once
  });

  it("starts the wait again when the condition breaks before the duration", () => {
    const rule = { kind: "lag_seconds" as const, forMinutes: 5 };
    let step = stepRule(rule, idle, holds, 0);
    step = stepRule(rule, step.state, clear, 3 * min);
    expect(step).toEqual({ state: idle, transition: null });
    step = stepRule(rule, step.state, holds, 4 * min);
    expect(stepRule(rule, step.state, holds, 8 * min).transition).toBeNull();
    expect(stepRule(rule, step.state, holds, 9 * min).transition).toBe("firing");
  });

  it("fires on the first sample with no duration, and resolves when the condition clears", () => {
    const rule = { kind: "status" as const, forMinutes: 0 };
    const fired = stepRule(rule, idle, holds, 10);
    expect(fired.transition).toBe("firing");
    expect(stepRule(rule, fired.state, clear, 20)).toEqual({ state: idle, transition: "resolved" });
  });

  it("neither fires nor resolves on a sample without data for the rule", () => {
    const rule = { kind: "status" as const, forMinutes: 0 };
    const firing = { pendingSince: 5, firing: true };
    expect(stepRule(rule, firing, { known: false, holds: false, value: 0, summary: "no stage data" }, 10)).toEqual({
      state: firing,
      transition: null,
    });
  });

  it("treats a DLQ-growth rule's minutes as its window, not as a wait", () => {
    const fired = stepRule({ kind: "dlq_growth", forMinutes: 10 }, idle, holds, 0);
    expect(fired.transition).toBe("firing");
  });

  it("fires a reconciliation-drift rule on the first run that finds drift", () => {
    expect(stepRule({ kind: "reconcile_drift", forMinutes: 30 }, idle, holds, 0).transition).toBe("firing");
  });
});
