import { describe, expect, it } from "vitest";
import { summarizeForAudit } from "./audit-summary";

describe("summarizeForAudit", () => {
  it("redacts secrets at any depth", () => {
    expect(summarizeForAudit({ email: "a@b.c", passwordHash: "$2b$…", nested: { apiToken: "x" } })).toEqual({
      email: "a@b.c",
      passwordHash: "[redacted]",
      nested: { apiToken: "[redacted]" },
    });
  });

  it("turns dates and bigints into JSON and bounds long strings", () => {
    const summary = summarizeForAudit({
      at: new Date("2026-11-23T10:00:00Z"),
      offset: 12n,
      note: "x".repeat(600),
    }) as Record<string, string>;
    expect(summary.at).toBe("2026-11-23T10:00:00.000Z");
    expect(summary.offset).toBe("12");
    expect(summary.note).toHaveLength(501);
  });

  it("stops at a fixed depth so a cyclic or huge object cannot blow up the log", () => {
    const deep = { a: { b: { c: { d: { e: 1 } } } } };
    expect(summarizeForAudit(deep)).toEqual({ a: { b: { c: { d: "…" } } } });
  });
});
