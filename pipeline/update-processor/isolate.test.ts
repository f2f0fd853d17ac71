import { describe, expect, it } from "vitest";
import { classifyApplyError, isolateRejected, rejectedRoute, rejectionReason } from "./isolate";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
const nulByte = pgError("22021", 'invalid byte sequence for encoding "UTF8": 0x00');

/** A fake apply that rejects any subset holding a bad item, and records what it was given. */
function fakeApply(bad: ReadonlySet<number>, error: unknown = nulByte) {
  const calls: number[][] = [];
  const attempt = async (subset: readonly number[]) => {
    calls.push([...subset]);
    if (subset.some((item) => bad.has(item))) throw error;
    return [...subset];
  };
  return { attempt, calls };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("classifyApplyError", () => {
  it("names data exceptions, constraint violations and unencodable values as row errors", () => {
    expect(classifyApplyError(nulByte)).toBe("row");
    expect(classifyApplyError(pgError("22003", "numeric field overflow"))).toBe("row");
    expect(classifyApplyError(pgError("23505", "duplicate key"))).toBe("row");
    expect(classifyApplyError(new RangeError("Invalid time value"))).toBe("row");
  });

  it("never splits on what is about the system rather than the data", () => {
    expect(classifyApplyError(pgError("57P01", "terminating connection due to administrator command"))).toBe(
      "systemic",
    );
    expect(classifyApplyError(pgError("42P01", 'relation "target_members" does not exist'))).toBe("systemic");
    expect(classifyApplyError(pgError("42501", "permission denied"))).toBe("systemic");
    expect(classifyApplyError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(
      "systemic",
    );
    expect(classifyApplyError(new Error("Connection terminated unexpectedly"))).toBe("systemic");
    expect(classifyApplyError(new TypeError("x is undefined"))).toBe("systemic");
  });
});

describe("rejectedRoute and rejectionReason", () => {
  it("retries a constraint that may hold later, dead-letters a value that never fits", () => {
    expect(rejectedRoute(pgError("23503", "foreign key"))).toBe("retry");
    expect(rejectedRoute(nulByte)).toBe("dead-letter");
    expect(rejectedRoute(new RangeError("Invalid time value"))).toBe("dead-letter");
  });

  it("says what the target rejected, with the SQLSTATE", () => {
    expect(rejectionReason(nulByte)).toEqual({
      errorClass: "RejectedByTarget",
      errorMessage: 'SQLSTATE 22021: invalid byte sequence for encoding "UTF8": 0x00',
    });
    expect(rejectionReason(new RangeError("Invalid time value"))).toEqual({
      errorClass: "RejectedByTarget",
      errorMessage: "RangeError: Invalid time value",
    });
  });
});

describe("isolateRejected", () => {
  it("applies a clean batch in one attempt", async () => {
    const { attempt, calls } = fakeApply(new Set());
    const out = await isolateRejected(range(8), attempt);
    expect(out).toMatchObject({ results: [range(8)], rejected: [], attempts: 1 });
    expect(calls).toEqual([range(8)]);
  });

  it("isolates one bad item and applies everything else, in order", async () => {
    const { attempt } = fakeApply(new Set([5]));
    const out = await isolateRejected(range(8), attempt, { wholeFailed: true });
    expect(out.rejected).toEqual([{ item: 5, error: nulByte }]);
    expect(out.results.flat()).toEqual([0, 1, 2, 3, 4, 6, 7]);
    // [0..3] ok → [4..7] known bad → [4,5] fails → [4] ok → [5] rejected → [6,7] ok
    expect(out.attempts).toBe(5);
  });

  it("isolates several bad items, and every good one is applied exactly once", async () => {
    const bad = new Set([0, 17, 18, 63]);
    const { attempt, calls } = fakeApply(bad);
    const out = await isolateRejected(range(64), attempt);
    expect(out.rejected.map((r) => r.item)).toEqual([0, 17, 18, 63]);
    const applied = out.results.flat();
    expect(applied).toEqual(range(64).filter((i) => !bad.has(i)));
    expect(new Set(applied).size).toBe(applied.length);
    expect(out.attempts).toBe(calls.length);
    expect(out.attempts).toBeLessThanOrEqual(2 * bad.size * Math.log2(64 / bad.size) + 2 * bad.size + 1);
  });

  it("rejects every item when every one is bad", async () => {
    const { attempt } = fakeApply(new Set(range(5)));
    const out = await isolateRejected(range(5), attempt, { wholeFailed: true });
    expect(out.rejected.map((r) => r.item)).toEqual(range(5));
    expect(out.results).toEqual([]);
  });

  it("stops at once on an error that is not about a row: nothing is rejected", async () => {
    const down = Object.assign(new Error("Connection terminated unexpectedly"), {});
    const { attempt, calls } = fakeApply(new Set([3]), down);
    await expect(isolateRejected(range(8), attempt, { wholeFailed: true })).rejects.toBe(down);
    expect(calls).toEqual([[0, 1, 2, 3]]);
  });

  it("does nothing for an empty batch", async () => {
    const { attempt, calls } = fakeApply(new Set());
    expect(await isolateRejected([], attempt)).toEqual({ results: [], rejected: [], attempts: 0 });
    expect(calls).toEqual([]);
  });
});
