import { describe, expect, it } from "vitest";
import { formatDue } from "./format";

describe("formatDue", () => {
  it("says when a waiting message is due", () => {
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(formatDue("2026-11-23T12:00:30Z", now)).toBe("in 30 s");
    expect(formatDue("2026-11-23T11:59:00Z", now)).toBe("due now");
    expect(formatDue(null, now)).toBe("—");
  });
});
