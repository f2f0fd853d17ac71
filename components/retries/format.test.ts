import { describe, expect, it } from "vitest";
import { formatAge, formatDue } from "./format";

describe("formatAge / formatDue", () => {
  it("picks a readable unit", () => {
    expect(formatAge(12_000)).toBe("12 s");
    expect(formatAge(10 * 60_000)).toBe("10 min");
    expect(formatAge(5 * 3_600_000)).toBe("5 h");
    expect(formatAge(3 * 86_400_000)).toBe("3 d");
  });
  it("says when a waiting message is due", () => {
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(formatDue("2026-11-23T12:00:30Z", now)).toBe("in 30 s");
    expect(formatDue("2026-11-23T11:59:00Z", now)).toBe("due now");
    expect(formatDue(null, now)).toBe("—");
  });
});
