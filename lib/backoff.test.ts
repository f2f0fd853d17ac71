import { describe, expect, it } from "vitest";
import { backoffMs, retryWhile } from "./backoff";

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

describe("retryWhile", () => {
  const failing = (failures: number, error: unknown = new Error("busy")) => {
    let calls = 0;
    return { operation: async () => (++calls <= failures ? Promise.reject(error) : calls), calls: () => calls };
  };

  it("tries again after the policy's waits until the operation succeeds", async () => {
    const waits: number[] = [];
    const op = failing(2);
    const result = await retryWhile(op.operation, {
      attempts: 5,
      isRetriable: () => true,
      delayMs: (n) => backoffMs(n, { baseMs: 200 }),
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result).toBe(3);
    expect(waits).toEqual([200, 400]);
  });

  it("throws the last failure once the attempts are spent", async () => {
    const op = failing(10);
    await expect(
      retryWhile(op.operation, { attempts: 3, isRetriable: () => true, delayMs: () => 0, sleep: async () => {} }),
    ).rejects.toThrow("busy");
    expect(op.calls()).toBe(3);
  });

  it("throws a failure that is not retriable at once", async () => {
    const op = failing(10, new Error("bad request"));
    await expect(
      retryWhile(op.operation, {
        attempts: 3,
        isRetriable: (e) => (e as Error).message === "busy",
        delayMs: () => 0,
        sleep: async () => {},
      }),
    ).rejects.toThrow("bad request");
    expect(op.calls()).toBe(1);
  });
});
