import { describe, expect, it } from "vitest";
import { estimateDrain, ratePerSecond } from "./drain";

describe("ratePerSecond", () => {
  it("measures messages per second across the window", () => {
    expect(ratePerSecond([{ atMs: 0, offset: 100 }, { atMs: 5_000, offset: 300 }, { atMs: 10_000, offset: 600 }])).toBe(50);
  });
  it("is 0 without enough samples or time, and never negative", () => {
    expect(ratePerSecond([{ atMs: 0, offset: 1 }])).toBe(0);
    expect(ratePerSecond([{ atMs: 0, offset: 1 }, { atMs: 0, offset: 9 }])).toBe(0);
    expect(ratePerSecond([{ atMs: 0, offset: 100 }, { atMs: 1_000, offset: 0 }])).toBe(0);
  });
});

describe("estimateDrain", () => {
  it("divides lag by the net consume rate", () => {
    expect(estimateDrain(1_000, 150, 50)).toEqual({ state: "draining", seconds: 10 });
  });
  it("says when the lag cannot drain at the current rates", () => {
    expect(estimateDrain(1_000, 50, 50)).toEqual({ state: "not-draining" });
    expect(estimateDrain(0, 0, 100)).toEqual({ state: "caught-up" });
  });
});
