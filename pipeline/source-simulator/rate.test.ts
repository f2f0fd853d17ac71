import { describe, expect, it } from "vitest";
import { parseBurst, rateAt, TokenBucket } from "./rate";

describe("rateAt", () => {
  const burst = { factor: 5, durationMs: 10_000, everyMs: 60_000 };

  it("runs the base rate, and the burst in the last part of each period", () => {
    expect(rateAt(0, 50, burst)).toBe(50);
    expect(rateAt(49_999, 50, burst)).toBe(50);
    expect(rateAt(50_000, 50, burst)).toBe(250);
    expect(rateAt(59_999, 50, burst)).toBe(250);
    expect(rateAt(60_000, 50, burst)).toBe(50);
    expect(rateAt(115_000, 50, burst)).toBe(250);
    expect(rateAt(115_000, 50)).toBe(50);
  });
});

describe("parseBurst", () => {
  it("reads factor, duration and period", () => {
    expect(parseBurst("5x10s/60s")).toEqual({ factor: 5, durationMs: 10_000, everyMs: 60_000 });
    expect(parseBurst("2.5x5s")).toEqual({ factor: 2.5, durationMs: 5_000, everyMs: 60_000 });
  });

  it("refuses what it cannot honour", () => {
    expect(() => parseBurst("fast")).toThrow(/must look like/);
    expect(() => parseBurst("5x90s/60s")).toThrow(/no longer than its period/);
    expect(() => parseBurst("0.5x10s")).toThrow(/factor must be/);
  });
});

describe("TokenBucket", () => {
  it("does not drift: the tokens granted over time match the rate however the ticks fall", () => {
    const bucket = new TokenBucket(0);
    let granted = 0;
    let now = 0;
    // Irregular ticks between 1 and 37 ms, for 60 s at 50/s.
    for (let i = 0; now < 60_000; i++) {
      now += 1 + ((i * 7919) % 37);
      const available = bucket.refill(now, 50);
      bucket.take(available);
      granted += available;
    }
    expect(Math.abs(granted - 50 * (now / 1000))).toBeLessThanOrEqual(1);
  });

  it("makes up at most its capacity after a stall, not the whole backlog", () => {
    const bucket = new TokenBucket(0, 1);
    expect(bucket.refill(10_000, 100)).toBe(100);
    bucket.take(100);
    expect(bucket.refill(10_010, 100)).toBe(1);
  });

  it("ignores a clock that steps back", () => {
    const bucket = new TokenBucket(1_000);
    expect(bucket.refill(500, 100)).toBe(0);
    expect(bucket.refill(600, 100)).toBe(10);
  });
});
