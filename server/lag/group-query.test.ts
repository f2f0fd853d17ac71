import { describe, expect, it } from "vitest";
import { indexGroups, queryGroups, type GroupRow } from "./group-query";

const row = (groupId: string, status: GroupRow["status"], lag: number, lagSeconds = 0): GroupRow => ({
  cluster: "default",
  groupId,
  status,
  lag,
  lagSeconds,
  state: "Stable",
  members: 1,
  consumePerSecond: 0,
  drain: null,
  reason: "",
  updatedAt: "",
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

  it("orders a search's hits by the sort either way, remembers the search per sample, and keeps scope", () => {
    const fresh = indexGroups(indexed.rows);
    const first = queryGroups(fresh, { ...base, q: "sync", pageSize: 1 }, { all: true });
    const second = queryGroups(fresh, { ...base, q: "SYNC", pageSize: 1, page: 2 }, { all: true });
    expect(fresh.found.size).toBe(1);
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.groups, ...second.groups].map((g) => g.groupId)).toEqual([
      "sync.acme-health.update-processor",
      "sync.globex-care.update-processor",
    ]);
    const ascending = queryGroups(fresh, { ...base, q: "sync", sort: "lag", order: "asc" }, { all: true });
    expect(ascending.groups.map((g) => g.lag)).toEqual([3, 50, 500]);
    const scoped = queryGroups(
      fresh,
      { ...base, q: "sync", status: "STOP" },
      { all: false, prefixes: ["sync.acme-health."] },
    );
    expect(scoped.groups.map((g) => g.groupId)).toEqual(["sync.acme-health.update-processor"]);
    expect(queryGroups(fresh, { ...base, q: "nothing" }, { all: true })).toEqual({ groups: [], total: 0 });
  });

  it("orders a search with very many hits the same way as a small one", () => {
    const many = Array.from({ length: 1_500 }, (_, i) =>
      row(`svc.${String(i).padStart(4, "0")}`, i % 3 ? "OK" : "WARN", i % 17, i),
    );
    const big = indexGroups(many);
    const query = { ...base, q: "svc.", sort: "lag" as const, order: "asc" as const, page: 3, pageSize: 20 };
    const viaScan = queryGroups(big, query, { all: true });
    const viaSort = queryGroups(
      indexGroups(many.slice(0, 1_000)),
      { ...query, page: 1, pageSize: 1_000 },
      { all: true },
    );
    expect(viaScan.total).toBe(1_500);
    const expected = [...many]
      .sort((a, b) => a.lag - b.lag || b.groupId.localeCompare(a.groupId))
      .slice(40, 60)
      .map((g) => g.groupId);
    expect(viaScan.groups.map((g) => g.groupId)).toEqual(expected);
    expect(viaSort.groups.map((g) => g.lag)).toEqual([...viaSort.groups.map((g) => g.lag)].sort((a, b) => a - b));
  });

  it("keeps one cluster's groups when asked, every cluster's otherwise", () => {
    const two = indexGroups([
      row("sync.acme-health.update-processor", "OK", 5),
      { ...row("sync.acme-health.update-processor", "WARN", 80), cluster: "staging" },
      { ...row("billing.invoices", "OK", 1), cluster: "staging" },
    ]);
    expect(queryGroups(two, base, { all: true }).total).toBe(3);
    const staging = queryGroups(two, { ...base, cluster: "staging" }, { all: true });
    expect(staging.groups.map((g) => `${g.cluster}/${g.groupId}`)).toEqual([
      "staging/sync.acme-health.update-processor",
      "staging/billing.invoices",
    ]);
    expect(queryGroups(two, { ...base, cluster: "nowhere" }, { all: true }).total).toBe(0);
  });
});
