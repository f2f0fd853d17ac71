import { describe, expect, it } from "vitest";
import { isTransientDbError, transientBackoffMs } from "./transient";

describe("isTransientDbError", () => {
  it("waits out lost connections, restarts and concurrency conflicts", () => {
    expect(
      isTransientDbError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(
      isTransientDbError(
        Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      ),
    ).toBe(true);
    expect(isTransientDbError(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
    expect(isTransientDbError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDbError(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(true);
  });

  it("does not wait out errors that would fail again the same way", () => {
    expect(isTransientDbError(Object.assign(new Error("value too long"), { code: "22001" }))).toBe(false);
    expect(isTransientDbError(Object.assign(new Error('relation "x" does not exist'), { code: "42P01" }))).toBe(false);
    expect(isTransientDbError(new Error("boom"))).toBe(false);
    expect(isTransientDbError(null)).toBe(false);
  });
});

describe("transientBackoffMs", () => {
  it("doubles from 200 ms and caps at 5 s", () => {
    expect([1, 2, 3, 5, 10].map(transientBackoffMs)).toEqual([200, 400, 800, 3_200, 5_000]);
  });
});
