import { describe, expect, it } from "vitest";
import { indexGroups, queryGroups, type GroupRow } from "./group-query";

const row = (groupId: string, status: GroupRow["status"], lag: number, lagSeconds = 0): GroupRow => ({
  groupId, status, lag, lagSeconds, state: "Stable", members: 1, consumePerSecond: 0, reason: "", updatedAt: "",
});

const indexed = indexGroups([
  row("sync.acme-health.update-processor", "STOP", 500, 90),
  row("sync.acme-health.cdc-processor", "OK", 3, 1),
  row("sync.globex-care.update-processor", "WARN", 50, 20),
  row("billing.invoices", "OK", 7000, 5),
]);
const base = { q: "", sort: "status" as const, order: "desc" as const, page: 1, pageSize: 10 };

describe("queryGroups", () => {
  it("puts the worst status first, then the most lag", () => {
    const { groups } = queryGroups(indexed, base, { all: true });
    expect(groups.map((g) => g.groupId)).toEqual([
      "sync.acme-health.update-processor",
      "sync.globex-care.update-processor",
      "billing.invoices",
      "sync.acme-health.cdc-processor",
    ]);
  });

  it("sorts either way, searches case-insensitively and pages", () => {
    const byLag = queryGroups(indexed, { ...base, sort: "lag", order: "asc", pageSize: 2, page: 2 }, { all: true });
    expect(byLag.groups.map((g) => g.lag)).toEqual([500, 7000]);
    expect(byLag.total).toBe(4);
    expect(queryGroups(indexed, { ...base, q: "UPDATE" }, { all: true }).total).toBe(2);
    expect(queryGroups(indexed, { ...base, status: "OK" }, { all: true }).total).toBe(2);
  });

  it("shows a tenant-scoped viewer only their tenants' groups", () => {
    const { groups, total } = queryGroups(indexed, base, { all: false, prefixes: ["sync.globex-care."] });
    expect(total).toBe(1);
    expect(groups[0]!.groupId).toBe("sync.globex-care.update-processor");
  });
});
