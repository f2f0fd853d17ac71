import { describe, expect, it } from "vitest";
import { dlqPageSchema, filterToSql, pageToSql } from "./dlq-filter";

describe("filterToSql", () => {
  it("always scopes to tenant, kind and the open state", () => {
    const where = filterToSql("acme-health", dlqPageSchema.parse({}));
    expect(where.sql).toBe("tenant = $1 AND kind = $2 AND state = $3");
    expect(where.params).toEqual(["acme-health", "dlq", "open"]);
  });

  it("turns every filter into a parameter, never into SQL text", () => {
    const where = filterToSql(
      "acme-health",
      dlqPageSchema.parse({
        state: "all",
        errorClass: "x'; DROP TABLE t; --",
        stage: "update-processor",
        entity: "claim:C-1",
        from: "2026-11-23T00:00:00Z",
        to: "2026-11-24T00:00:00Z",
        q: "missing member",
      }),
    );
    expect(where.sql).toBe(
      "tenant = $1 AND kind = $2 AND error_class = $3 AND stage = $4 AND entity = $5 AND written_at >= $6::timestamptz" +
        " AND written_at < $7::timestamptz AND search_text @@ websearch_to_tsquery('simple', $8)",
    );
    expect(where.params[2]).toBe("x'; DROP TABLE t; --");
  });

  it("matches a bare id against the record key", () => {
    expect(filterToSql("t-1x", dlqPageSchema.parse({ entity: "M-7" })).sql).toContain("key = $4");
  });

  it("numbers parameters after existing ones", () => {
    expect(filterToSql("acme-health", dlqPageSchema.parse({}), 2).sql).toBe("tenant = $3 AND kind = $4 AND state = $5");
  });
});

describe("pageToSql", () => {
  it("pages by keyset below the cursor and asks one row more", () => {
    const page = pageToSql("acme-health", dlqPageSchema.parse({ cursor: "500", limit: "25" }), "id");
    expect(page.sql).toBe(
      "SELECT id FROM dlq_messages WHERE tenant = $1 AND kind = $2 AND state = $3 AND id < $4::bigint ORDER BY dlq_messages.id DESC LIMIT $5",
    );
    expect(page.params).toEqual(["acme-health", "dlq", "open", "500", 26]);
    expect(page.sql).not.toMatch(/OFFSET/i);
  });

  it("orders a time range by (written_at, id) with a row-comparison cursor", () => {
    const page = pageToSql("acme-health", dlqPageSchema.parse({ from: "2026-11-23T00:00:00Z", cursor: "9" }), "id");
    expect(page.sql).toContain(
      "AND (written_at, id) < (SELECT written_at, id FROM dlq_messages WHERE id = $5::bigint)",
    );
    expect(page.sql).toMatch(/ORDER BY dlq_messages.written_at DESC, dlq_messages.id DESC LIMIT \$6$/);
  });

  it("searches text in a window of the newest records first, with a GIN fallback", () => {
    const page = pageToSql("acme-health", dlqPageSchema.parse({ q: "member", errorClass: "X" }), "id");
    expect(page.sql).toBe(
      "SELECT id FROM (SELECT * FROM dlq_messages WHERE tenant = $1 AND kind = $2 AND state = $3 AND error_class = $4 ORDER BY dlq_messages.id DESC LIMIT 2000) d" +
        " WHERE search_text @@ websearch_to_tsquery('simple', $5) ORDER BY d.id DESC LIMIT $6",
    );
    expect(page.params).toEqual(["acme-health", "dlq", "open", "X", "member", 51]);
    expect(page.fallback!.sql).toContain(
      "search_text @@ websearch_to_tsquery('simple', $5) ORDER BY dlq_messages.id + 0 DESC LIMIT $6",
    );
  });

  it("rejects bad input with a reason", () => {
    expect(() => dlqPageSchema.parse({ cursor: "abc" })).toThrow(/cursor/);
    expect(() => dlqPageSchema.parse({ from: "yesterday" })).toThrow(/ISO-8601/);
    expect(() => dlqPageSchema.parse({ sort: "x" })).toThrow();
  });
});
