import { describe, expect, it } from "vitest";
import { MAX_PARTITIONS, MIN_PARTITIONS, planPartitions } from "./partitions";

describe("planPartitions", () => {
  it("plans for the peak at 250 changes/s per partition", () => {
    const plan = planPartitions({ expectedDailyChanges: 1_000_000, peakChangesPerSecond: 1_200 });
    expect(plan.partitions).toBe(5);
    expect(plan.explanation).toBe("peak 1,200/s ÷ 250/s per partition → 5 partitions");
  });

  it("uses three times the average when the peak given is lower than that", () => {
    // 86,400,000/day = 1,000/s average → 3,000/s planned → 12 partitions
    const plan = planPartitions({ expectedDailyChanges: 86_400_000, peakChangesPerSecond: 0 });
    expect(plan.plannedPerSecond).toBe(3_000);
    expect(plan.partitions).toBe(12);
    expect(plan.explanation).toContain("3× the average of 1,000/s");
  });

  it("never plans fewer than the minimum or more than the maximum", () => {
    expect(planPartitions({ expectedDailyChanges: 10, peakChangesPerSecond: 1 })).toMatchObject({
      partitions: MIN_PARTITIONS,
    });
    expect(planPartitions({ expectedDailyChanges: 10, peakChangesPerSecond: 1 }).explanation).toContain("(at least 3)");
    expect(planPartitions({ expectedDailyChanges: 0, peakChangesPerSecond: 1_000_000 })).toMatchObject({
      partitions: MAX_PARTITIONS,
    });
  });

  it("rounds a rate just over a partition's share up", () => {
    expect(planPartitions({ expectedDailyChanges: 0, peakChangesPerSecond: 1_001 }).partitions).toBe(5);
    expect(planPartitions({ expectedDailyChanges: 0, peakChangesPerSecond: 1_000 }).partitions).toBe(4);
  });
});
