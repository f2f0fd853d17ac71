import { describe, expect, it } from "vitest";
import { afterFailure, afterSuccess, pauseRemainingMs, RUNNING } from "./tenant-pause";

const policy = { baseMs: 1_000, maxMs: 8_000 };

describe("tenant pause", () => {
  it("pauses a failing tenant for the base, doubling with each failure in a row, up to the maximum", () => {
    let state = RUNNING;
    const waits: number[] = [];
    for (let i = 0, now = 0; i < 6; i++) {
      state = afterFailure(state, now, policy);
      waits.push(pauseRemainingMs(state, now));
      now = state.pausedUntilMs; // the next try fails once the pause is over
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(state.failures).toBe(6);
  });

  it("lets the tenant run once its pause is over, and a success clears the count", () => {
    const paused = afterFailure(afterFailure(RUNNING, 0, policy), 5_000, policy);
    expect(pauseRemainingMs(paused, 6_000)).toBe(1_000);
    expect(pauseRemainingMs(paused, 7_000)).toBe(0);
    expect(pauseRemainingMs(paused, 9_000)).toBe(0);
    const cleared = afterSuccess();
    expect(cleared).toEqual({ failures: 0, pausedUntilMs: 0 });
    expect(pauseRemainingMs(afterFailure(cleared, 0, policy), 0)).toBe(1_000);
  });

  it("counts a failure of another partition in flight during the pause as the same incident", () => {
    const paused = afterFailure(RUNNING, 0, policy);
    expect(afterFailure(paused, 500, policy)).toBe(paused);
    expect(pauseRemainingMs(afterFailure(paused, 1_000, policy), 1_000)).toBe(2_000);
  });

  it("never reads a running tenant as paused", () => {
    expect(pauseRemainingMs(RUNNING, Date.now())).toBe(0);
  });
});
