import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LaneRestarts, restartDelayMs } from "./lane-restart";

describe("restartDelayMs", () => {
  it("doubles from 1 s and stops at 60 s", () => {
    expect([1, 2, 3, 6, 7, 20].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
  });
});

describe("LaneRestarts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("restarts a crashed lane after its backoff, which grows while it keeps crashing soon after starting", () => {
    const restarts = new LaneRestarts(() => Date.now());
    const restart = vi.fn();
    restarts.started("a");
    expect(restarts.crashed("a", restart)).toBe(1_000);
    expect(restarts.waiting("a")).toBe(true);
    vi.advanceTimersByTime(999);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(1);
    expect(restarts.waiting("a")).toBe(false);
    restarts.started("a");
    vi.advanceTimersByTime(5_000);
    expect(restarts.crashed("a", restart)).toBe(2_000);
  });

  it("starts the backoff over for a lane that ran a minute before crashing", () => {
    const restarts = new LaneRestarts(() => Date.now());
    restarts.started("a");
    restarts.crashed("a", () => {});
    vi.advanceTimersByTime(1_000);
    restarts.started("a");
    vi.advanceTimersByTime(60_000);
    expect(restarts.crashed("a", () => {})).toBe(1_000);
  });

  it("does not restart a tenant forgotten meanwhile, nor any once stopped", () => {
    const restarts = new LaneRestarts(() => Date.now());
    const restart = vi.fn();
    restarts.crashed("a", restart);
    restarts.crashed("b", restart);
    restarts.forget("a");
    expect(restarts.waiting("a")).toBe(false);
    restarts.stop();
    vi.advanceTimersByTime(120_000);
    expect(restart).not.toHaveBeenCalled();
  });
});
