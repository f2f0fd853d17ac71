import { describe, expect, it } from "vitest";
import { rateSeries, recentRate } from "./throughput";

const s = (seconds: number, sum: number) => ({ atMs: seconds * 1000, sum });

describe("rateSeries", () => {
  it("turns sums into per-second rates per interval", () => {
    expect(rateSeries([s(0, 0), s(5, 250), s(10, 750)])).toEqual([
      { atMs: 5_000, perSecond: 50 },
      { atMs: 10_000, perSecond: 100 },
    ]);
  });
  it("skips intervals where the sum went down", () => {
    expect(rateSeries([s(0, 900), s(5, 10), s(10, 60)])).toEqual([{ atMs: 10_000, perSecond: 10 }]);
  });
});

describe("recentRate", () => {
  it("averages over the window only", () => {
    expect(recentRate([s(0, 0), s(50, 100), s(55, 600), s(60, 1100)], 10_000)).toBe(100);
    expect(recentRate([], 10_000)).toBe(0);
  });
});
