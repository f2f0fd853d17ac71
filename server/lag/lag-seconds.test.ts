import { describe, expect, it } from "vitest";
import { appendSample, lagSeconds, type OffsetSample } from "./lag-seconds";

const s = (offset: number, seconds: number): OffsetSample => ({ offset, atMs: seconds * 1000 });

/** A partition receiving 10 msgs/s, sampled every 5 s for a minute. */
const busy = Array.from({ length: 13 }, (_, i) => s(i * 50, i * 5));

describe("lagSeconds", () => {
  it("is zero for a group that is caught up", () => {
    expect(lagSeconds(busy, 600, 600, 60_000)).toEqual({ seconds: 0, kind: "exact" });
  });

  it("is zero on an idle partition however long it has been idle", () => {
    const idle = [s(500, 0), s(500, 3_600)];
    expect(lagSeconds(idle, 500, 500, 3_600_000 + 5_000).seconds).toBe(0);
  });

  it("interpolates the write time of the oldest unconsumed message", () => {
    // committed 300: message 300 was written when the end offset went from 300 to 301, 30.1 s in.
    const lag = lagSeconds(busy, 300, 600, 60_000);
    expect(lag.kind).toBe("exact");
    expect(lag.seconds).toBeCloseTo(29.9, 5);
  });

  it("measures the age when the committed offset was read, not when the end offsets were", () => {
    // committed read at 58 s, end offsets at 60 s: the 2 s between the reads are not lag.
    expect(lagSeconds(busy, 300, 600, 60_000, 58_000).seconds).toBeCloseTo(27.9, 5);
    // read after the end offsets (a re-read): older by the time the group was known to wait.
    expect(lagSeconds(busy, 300, 600, 60_000, 61_000).seconds).toBeCloseTo(30.9, 5);
    expect(lagSeconds(busy, 600, 600, 60_000, 50_000)).toEqual({ seconds: 0, kind: "exact" });
  });

  it("keeps growing for a stopped consumer", () => {
    const at70 = lagSeconds([...busy, s(650, 65)], 300, 700, 70_000);
    const at80 = lagSeconds([...busy, s(650, 65), s(700, 70), s(750, 75)], 300, 800, 80_000);
    expect(at80.seconds - at70.seconds).toBeCloseTo(10, 5);
  });

  it("grows for a stopped consumer on a partition that went quiet", () => {
    const history = [s(0, 0), s(100, 10), s(100, 20)];
    expect(lagSeconds(history, 50, 100, 20_000).seconds).toBeCloseTo(14.9, 5);
    expect(lagSeconds(history, 50, 100, 120_000).seconds).toBeCloseTo(114.9, 5);
  });

  it("bounds a reset-to-earliest group by the history instead of extrapolating", () => {
    // Sampling began when the partition already held 100 messages; the group went back to 0.
    const sampledLate = busy.map((p) => ({ ...p, offset: p.offset + 100 }));
    expect(lagSeconds(sampledLate, 0, 700, 60_000)).toEqual({ seconds: 60, kind: "at-least" });
    // Sampling began at offset 0: message 0's write time is known, so the answer is exact.
    expect(lagSeconds(busy, 0, 600, 60_000).kind).toBe("exact");
    const wayBack = lagSeconds([s(1_000_000, 0), s(1_000_050, 5)], 0, 1_000_050, 5_000);
    expect(wayBack).toEqual({ seconds: 5, kind: "at-least" });
  });

  it("dates a message written after an idle stretch to the stretch's end, not its start", () => {
    const history = [s(100, 0), s(100, 3_600)];
    const lag = lagSeconds(history, 100, 101, 3_605_000);
    expect(lag.seconds).toBeLessThanOrEqual(5);
  });
});

describe("appendSample", () => {
  it("keeps only the first and latest sample of an idle run", () => {
    let history: OffsetSample[] = [];
    for (const sample of [s(10, 0), s(10, 5), s(10, 10), s(10, 15), s(20, 20)]) history = appendSample(history, sample);
    expect(history).toEqual([s(10, 0), s(10, 15), s(20, 20)]);
  });

  it("starts over when the end offset goes backwards", () => {
    expect(appendSample([s(10, 0), s(20, 5)], s(3, 10))).toEqual([s(3, 10)]);
  });

  it("is bounded", () => {
    let history: OffsetSample[] = [];
    for (let i = 0; i < 500; i += 1) history = appendSample(history, s(i, i), 100);
    expect(history).toHaveLength(100);
    expect(history[0]).toEqual(s(400, 400));
  });
});
