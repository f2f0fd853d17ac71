import { describe, expect, it } from "vitest";
import { waitingClause } from "./retry-overview";

describe("waitingClause", () => {
  it("counts records at or past the retry-processor's committed offset of their partition", () => {
    const clause = waitingClause(new Map([[0, "10"], [1, "0"]]));
    expect(clause.sql).toContain('"offset" >= coalesce(');
    expect(clause.params).toEqual([[0, 1], ["10", "0"]]);
  });
  it("without a committed position everything waits; without Kafka only what is not yet due", () => {
    expect(waitingClause(new Map()).sql).toBe("true");
    expect(waitingClause(null)).toEqual({ sql: "due_at >= now()", params: [] });
  });
});
