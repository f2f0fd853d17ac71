import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("starts at the base and doubles with each failure", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, { baseMs: 200 }))).toEqual([200, 400, 800, 1_600]);
  });

  it("stops at the cap", () => {
    expect([5, 6, 7].map((n) => backoffMs(n, { baseMs: 200, maxMs: 5_000 }))).toEqual([3_200, 5_000, 5_000]);
  });

  it("waits the base before any failure and stays finite after very many", () => {
    expect(backoffMs(0, { baseMs: 200 })).toBe(200);
    expect(Number.isFinite(backoffMs(10_000, { baseMs: 1 }))).toBe(true);
  });
});
