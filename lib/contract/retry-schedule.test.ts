import { describe, expect, it } from "vitest";
import { decideRetry, DEFAULT_RETRY_SCHEDULE, parseRetrySchedule, retryDelayMs, retryDueAt } from "./retry-schedule";

const t0 = new Date("2026-11-23T10:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("retryDelayMs", () => {
  it("grows 1 s, 10 s, 60 s, 10 min by default and repeats the last delay past the end", () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a))).toEqual([1_000, 10_000, 60_000, 600_000, 600_000]);
  });

  it("rejects attempt numbers that are not positive integers", () => {
    expect(() => retryDelayMs(0)).toThrow(/positive integer/);
    expect(() => retryDelayMs(1.5)).toThrow(/positive integer/);
  });

  it("gives the due time from the failure time", () => {
    expect(retryDueAt(2, t0).toISOString()).toBe("2026-11-23T10:00:10.000Z");
  });
});

describe("decideRetry", () => {
  const schedule = { delaysMs: [100, 200], maxAttempts: 3 };

  it("waits until the due time in the header, then forwards with the attempt incremented", () => {
    expect(decideRetry({ attempt: 1, dueAt: at(100), writtenAt: t0, now: at(40) }, schedule)).toEqual({
      kind: "wait",
      dueAt: at(100),
      waitMs: 60,
    });
    expect(decideRetry({ attempt: 1, dueAt: at(100), writtenAt: t0, now: at(100) }, schedule)).toEqual({
      kind: "forward",
      nextAttempt: 2,
    });
  });

  it("computes the due time from when the message was written when the header is missing or unreadable", () => {
    expect(decideRetry({ attempt: 2, writtenAt: t0, now: at(150) }, schedule)).toMatchObject({
      kind: "wait",
      waitMs: 50,
    });
    expect(decideRetry({ attempt: 2, dueAt: new Date("nonsense"), writtenAt: t0, now: at(200) }, schedule)).toEqual({
      kind: "forward",
      nextAttempt: 3,
    });
  });

  it("dead-letters once attempt maxAttempts has failed, without waiting", () => {
    expect(decideRetry({ attempt: 3, dueAt: at(10_000), writtenAt: t0, now: t0 }, schedule)).toEqual({
      kind: "dead-letter",
      reason: "attempts exhausted: attempt 3 of at most 3 failed",
    });
  });
});

describe("parseRetrySchedule", () => {
  it("defaults to the DESIGN.md schedule, each delay used once before the dead letter", () => {
    expect(parseRetrySchedule({})).toEqual({ delaysMs: [1_000, 10_000, 60_000, 600_000], maxAttempts: 5 });
    expect(DEFAULT_RETRY_SCHEDULE.maxAttempts).toBe(5);
  });

  it("reads delays and the attempt bound from the environment", () => {
    expect(parseRetrySchedule({ RETRY_DELAYS_MS: "50,100", RETRY_MAX_ATTEMPTS: "5" })).toEqual({
      delaysMs: [50, 100],
      maxAttempts: 5,
    });
  });

  it("says what is wrong with a bad value", () => {
    expect(() => parseRetrySchedule({ RETRY_DELAYS_MS: "1s,2s" })).toThrow(/comma-separated milliseconds/);
    expect(() => parseRetrySchedule({ RETRY_MAX_ATTEMPTS: "-1" })).toThrow();
  });
});
