import { describe, expect, it } from "vitest";
import { paceDelayMs } from "./pace";

describe("paceDelayMs", () => {
  it("waits out the rest of the batch's share of a second", () => {
    expect(paceDelayMs(500, 100, 1_000)).toBe(400);
    expect(paceDelayMs(10, 3, 1_000)).toBe(7);
  });

  it("never waits when uncapped, empty, or already slower than the cap", () => {
    expect(paceDelayMs(500, 100, null)).toBe(0);
    expect(paceDelayMs(0, 0, 1_000)).toBe(0);
    expect(paceDelayMs(500, 900, 1_000)).toBe(0);
  });
});
