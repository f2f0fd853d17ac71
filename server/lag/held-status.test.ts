import { describe, expect, it } from "vitest";
import { evaluateHeldPartition, holdMsOfTopic, summarizeHeld } from "./held-status";

const nowMs = Date.parse("2026-12-04T09:40:00.000Z");
/** samples every 5 s up to now, the committed offset fixed unless `moving` */
const window = (committed: number, end: number, moving = false) =>
  Array.from({ length: 10 }, (_, i) => ({
    atMs: nowMs - (9 - i) * 5_000,
    committed: moving ? committed - 9 + i : committed,
    end,
  }));
const base = { groupHasMembers: true, holdMs: 600_000, toleranceMs: 30_000, nowMs };

describe("evaluateHeldPartition", () => {
  it("is OK while the oldest held record is not yet due, however long it has waited", () => {
    const verdict = evaluateHeldPartition({ ...base, window: window(10, 14), lagSeconds: 590 });
    expect(verdict).toMatchObject({ status: "OK", waiting: 4, headDueAtMs: nowMs + 10_000 });
    expect(verdict.reason).toBe("4 messages waiting for their time, the next is due in 10 s");
  });

  it("tolerates a record a little late", () => {
    expect(evaluateHeldPartition({ ...base, window: window(10, 14), lagSeconds: 620 }).status).toBe("OK");
  });

  it("is STALL when a record is overdue beyond the tolerance and the offset does not move", () => {
    const verdict = evaluateHeldPartition({ ...base, window: window(10, 14), lagSeconds: 650 });
    expect(verdict.status).toBe("STALL");
    expect(verdict.reason).toBe(
      "4 messages waiting and the oldest was due 50 s ago, but the committed offset has not moved for 45 s",
    );
    expect(verdict.headDueAtMs).toBe(nowMs - 50_000);
  });

  it("is WARN when it consumes but the oldest record is overdue", () => {
    const verdict = evaluateHeldPartition({ ...base, window: window(10, 30, true), lagSeconds: 700 });
    expect(verdict).toMatchObject({
      status: "WARN",
      reason: "consuming, but the oldest was due 100 s ago (20 messages waiting)",
    });
  });

  it("is STOP when nothing consumes, due or not", () => {
    const verdict = evaluateHeldPartition({ ...base, groupHasMembers: false, window: window(10, 14), lagSeconds: 5 });
    expect(verdict).toMatchObject({
      status: "STOP",
      reason: "no consumer is running; 4 messages waiting, the next is due in 10 min",
    });
  });

  it("is OK with nothing waiting, and ERR before any sample", () => {
    expect(evaluateHeldPartition({ ...base, window: window(14, 14), lagSeconds: 0 })).toMatchObject({
      status: "OK",
      waiting: 0,
      headDueAtMs: null,
    });
    expect(evaluateHeldPartition({ ...base, window: [], lagSeconds: 0 }).status).toBe("ERR");
  });
});

describe("summarizeHeld", () => {
  it("gives the group's total and its next due time, not one partition's", () => {
    const partitions = [
      { waiting: 3, headDueAtMs: nowMs + 40_000 },
      { waiting: 0, headDueAtMs: null },
      { waiting: 5, headDueAtMs: nowMs + 8_000 },
    ];
    expect(summarizeHeld(partitions, nowMs)).toBe(
      "8 messages waiting in 2 of 3 partitions, next due in 8 s (09:40:08 UTC)",
    );
    expect(summarizeHeld([{ waiting: 0, headDueAtMs: null }], nowMs)).toBe("nothing waiting");
  });
});

describe("holdMsOfTopic", () => {
  it("reads a retry tier's delay from its name; other topics hold nothing", () => {
    expect(holdMsOfTopic("sync.acme.retry.10s")).toBe(10_000);
    expect(holdMsOfTopic("sync.acme.retry")).toBe(600_000);
    expect(holdMsOfTopic("sync.acme.updates")).toBeUndefined();
  });
});
