import { SEVERITY, type LagStatus } from "./burrow-status";
import type { GroupLag } from "./evaluate-snapshot";
import type { GroupScope } from "./lag-scope";
import { inScope } from "./lag-scope";

/** A group's latest evaluation without its partitions, as the list shows it. */
export type GroupRow = Omit<GroupLag, "topics"> & { updatedAt: string };

export type GroupSort = "status" | "lag" | "lagSeconds" | "groupId";
export type GroupQuery = { q: string; status?: LagStatus; sort: GroupSort; order: "asc" | "desc"; page: number; pageSize: number };

/** The groups of one sample, pre-sorted once per sort key (descending) so each request only filters and slices. */
export type IndexedGroups = { rows: GroupRow[]; byKey: Record<GroupSort, GroupRow[]> };

const tieBreak = (a: GroupRow, b: GroupRow) => b.lag - a.lag || a.groupId.localeCompare(b.groupId);

export function indexGroups(rows: GroupRow[]): IndexedGroups {
  const sorted = (compare: (a: GroupRow, b: GroupRow) => number) => [...rows].sort((a, b) => compare(a, b) || tieBreak(a, b));
  return {
    rows,
    byKey: {
      status: sorted((a, b) => SEVERITY[b.status] - SEVERITY[a.status]),
      lag: sorted((a, b) => b.lag - a.lag),
      lagSeconds: sorted((a, b) => b.lagSeconds - a.lagSeconds),
      groupId: sorted((a, b) => b.groupId.localeCompare(a.groupId)),
    },
  };
}

export function queryGroups(indexed: IndexedGroups, query: GroupQuery, scope: GroupScope): { groups: GroupRow[]; total: number } {
  const needle = query.q.toLowerCase();
  const sorted = indexed.byKey[query.sort];
  const start = (query.page - 1) * query.pageSize;
  const inOrder = (i: number) => (query.order === "desc" ? sorted[i]! : sorted[sorted.length - 1 - i]!);
  if (scope.all && !needle && !query.status) {
    // The common poll: nothing to filter, so a page is a slice of the pre-sorted list.
    const end = Math.min(sorted.length, start + query.pageSize);
    const groups: GroupRow[] = [];
    for (let i = start; i < end; i += 1) groups.push(inOrder(i));
    return { groups, total: sorted.length };
  }
  const groups: GroupRow[] = [];
  let total = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const g = inOrder(i);
    if (!inScope(scope, g.groupId) || (query.status && g.status !== query.status) || (needle && !g.groupId.toLowerCase().includes(needle))) continue;
    if (total >= start && groups.length < query.pageSize) groups.push(g);
    total += 1;
  }
  return { groups, total };
}
