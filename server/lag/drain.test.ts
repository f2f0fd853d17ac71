import { describe, expect, it } from "vitest";
import { combineDrains, estimateDrain, ratePerSecond } from "./drain";

describe("ratePerSecond", () => {
  it("measures messages per second across the window", () => {
    expect(
      ratePerSecond([
        { atMs: 0, offset: 100 },
        { atMs: 5_000, offset: 300 },
        { atMs: 10_000, offset: 600 },
      ]),
    ).toBe(50);
  });
  it("is 0 without enough samples or time, and never negative", () => {
    expect(ratePerSecond([{ atMs: 0, offset: 1 }])).toBe(0);
    expect(
      ratePerSecond([
        { atMs: 0, offset: 1 },
        { atMs: 0, offset: 9 },
      ]),
    ).toBe(0);
    expect(
      ratePerSecond([
        { atMs: 0, offset: 100 },
        { atMs: 1_000, offset: 0 },
      ]),
    ).toBe(0);
  });
});

describe("estimateDrain", () => {
  it("divides lag by the net consume rate", () => {
    expect(estimateDrain(1_000, 150, 50)).toEqual({ state: "draining", seconds: 10 });
  });
  it("says when the lag cannot drain at the current rates", () => {
    expect(estimateDrain(1_000, 50, 50)).toEqual({ state: "not-draining" });
    expect(estimateDrain(1_000, 0, 0)).toEqual({ state: "not-draining" });
    expect(estimateDrain(0, 0, 100)).toEqual({ state: "caught-up" });
  });
  it("counts a lag the group consumes within a few seconds as in flight, not a backlog", () => {
    expect(estimateDrain(200, 100, 100)).toEqual({ state: "caught-up" });
    expect(estimateDrain(501, 100, 100)).toEqual({ state: "not-draining" });
    expect(estimateDrain(30, 0, 0)).toEqual({ state: "not-draining" });
  });
});

describe("combineDrains", () => {
  const draining = (seconds: number) => ({ state: "draining" as const, seconds });
  it("waits for the slowest partition", () => {
    expect(combineDrains([draining(30), { state: "caught-up" }, draining(240)])).toEqual(draining(240));
  });
  it("lets one partition that does not drain, or is not known yet, decide", () => {
    expect(combineDrains([draining(30), { state: "not-draining" }, null])).toEqual({ state: "not-draining" });
    expect(combineDrains([draining(30), null])).toBeNull();
  });
  it("is caught up when every partition is, and for no partitions", () => {
    expect(combineDrains([{ state: "caught-up" }, { state: "caught-up" }])).toEqual({ state: "caught-up" });
    expect(combineDrains([])).toEqual({ state: "caught-up" });
  });
});
