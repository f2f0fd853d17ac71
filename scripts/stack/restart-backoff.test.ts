import { describe, expect, it } from "vitest";
import { restartDelay } from "./restart-backoff";

describe("restartDelay", () => {
  it("doubles for a crash loop and caps", () => {
    let crashes = 0;
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const next = restartDelay(crashes, 500);
      crashes = next.consecutiveCrashes;
      delays.push(next.delayMs);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it("starts over after a long healthy run", () => {
    expect(restartDelay(6, 120_000)).toEqual({ delayMs: 1_000, consecutiveCrashes: 1 });
  });
});
