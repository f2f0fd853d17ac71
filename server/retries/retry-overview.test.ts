import { describe, expect, it } from "vitest";
import { waitingClause } from "./retry-overview";

describe("waitingClause", () => {
  it("counts records at or past the retry-processor's committed offset of their topic and partition", () => {
    const clause = waitingClause([
      { topic: "sync.acme.retry.1s", partition: 0, offset: "10" },
      { topic: "sync.acme.retry.10m", partition: 0, offset: "0" },
    ]);
    expect(clause.sql).toContain('"offset" >= coalesce(');
    expect(clause.sql).toContain("tp = topic AND pt = partition");
    expect(clause.params).toEqual([
      ["sync.acme.retry.1s", "sync.acme.retry.10m"],
      [0, 0],
      ["10", "0"],
    ]);
  });
  it("without a committed position everything waits; without Kafka only what is not yet due", () => {
    expect(waitingClause([]).sql).toBe("true");
    expect(waitingClause(null)).toEqual({ sql: "due_at >= now()", params: [] });
  });
});
