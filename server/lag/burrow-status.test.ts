import { describe, expect, it } from "vitest";
import { evaluateGroup, evaluatePartition, type PartitionSample } from "./burrow-status";

/** Samples every 10 s from (committed, end) pairs. */
const win = (...pairs: Array<[number, number]>): PartitionSample[] =>
  pairs.map(([committed, end], i) => ({ atMs: i * 10_000, committed, end }));

describe("evaluatePartition (Burrow rules)", () => {
  it("is OK when lag touched zero anywhere in the window", () => {
    expect(evaluatePartition(win([100, 150], [150, 150], [160, 200]), true).status).toBe("OK");
  });

  it("is OK for an idle partition that is caught up, with or without consumers", () => {
    expect(evaluatePartition(win([500, 500], [500, 500], [500, 500]), false).status).toBe("OK");
  });

  it("is REWIND when the committed offset goes backwards", () => {
    const verdict = evaluatePartition(win([900, 1000], [950, 1000], [10, 1000]), true);
    expect(verdict).toEqual({ status: "REWIND", reason: "committed offset went back from 950 to 10" });
  });

  it("is STOP when no consumer runs and lag stands", () => {
    const verdict = evaluatePartition(win([100, 200], [100, 250], [100, 300]), false);
    expect(verdict.status).toBe("STOP");
    expect(verdict.reason).toBe("no consumer is running; 200 messages waiting for 20 s");
  });

  it("is STALL when consumers are connected but the offset does not move", () => {
    expect(evaluatePartition(win([100, 200], [100, 200], [100, 200]), true).status).toBe("STALL");
  });

  it("is WARN when offsets move but lag never shrinks", () => {
    const verdict = evaluatePartition(win([100, 200], [150, 260], [200, 330], [250, 400]), true);
    expect(verdict.status).toBe("WARN");
    expect(verdict.reason).toContain("lag grew from 100 to 150");
  });

  it("is OK when a consumer with lag is draining it", () => {
    expect(evaluatePartition(win([100, 400], [200, 420], [300, 440], [400, 460]), true).status).toBe("OK");
  });

  it("is ERR without samples", () => {
    expect(evaluatePartition([], true).status).toBe("ERR");
  });
});

describe("evaluateGroup", () => {
  it("shows the worst partition", () => {
    const verdict = evaluateGroup(
      [
        { status: "OK", reason: "a" },
        { status: "STOP", reason: "b" },
        { status: "WARN", reason: "c" },
      ],
      5,
      30,
    );
    expect(verdict).toEqual({ status: "STOP", reason: "b" });
  });

  it("raises an otherwise healthy group to WARN when lag seconds break the objective", () => {
    expect(evaluateGroup([{ status: "OK", reason: "fine" }], 42.4, 30)).toEqual({
      status: "WARN",
      reason: "lag 42 s is over the 30 s objective",
    });
    expect(evaluateGroup([{ status: "OK", reason: "fine" }], 12, 30).status).toBe("OK");
  });
});
