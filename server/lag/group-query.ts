import { SEVERITY, type LagStatus } from "./burrow-status";
import type { GroupLag } from "./evaluate-snapshot";
import type { GroupScope } from "./lag-scope";
import { inScope } from "./lag-scope";

/** A group's latest evaluation without its partitions, as the list shows it; `cluster` is the Kafka cluster it is on. */
export type GroupRow = Omit<GroupLag, "topics"> & { cluster: string; updatedAt: string };

export type GroupSort = "status" | "lag" | "lagSeconds" | "groupId";
export type GroupQuery = {
  q: string;
  status?: LagStatus;
  /** only the groups of this Kafka cluster; absent: every cluster's */
  cluster?: string;
  sort: GroupSort;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
};

/**
 * The groups of one sample, pre-sorted once per sort key (descending) so each request only filters
 * and slices. A search costs what it finds, not the size of the list: the groups whose id holds a
 * search text are found once per sample (every open lag page polls the same few searches, and the
 * sample changes only when the sampler writes), then ordered by their precomputed rank.
 */
export type IndexedGroups = {
  rows: GroupRow[];
  byKey: Record<GroupSort, GroupRow[]>;
  rank: Record<GroupSort, Map<GroupRow, number>>;
  lowerIds: string[];
  found: Map<string, GroupRow[]>;
};

/** Searches remembered per sample; past this the oldest goes. */
const SEARCHES_KEPT = 256;
/** Above this many hits a search is ordered by walking the sorted list instead of sorting the hits. */
const SORT_HITS_UP_TO = 1_000;

const tieBreak = (a: GroupRow, b: GroupRow) => b.lag - a.lag || a.groupId.localeCompare(b.groupId);

export function indexGroups(rows: GroupRow[]): IndexedGroups {
  const sorted = (compare: (a: GroupRow, b: GroupRow) => number) =>
    [...rows].sort((a, b) => compare(a, b) || tieBreak(a, b));
  const byKey: Record<GroupSort, GroupRow[]> = {
    status: sorted((a, b) => SEVERITY[b.status] - SEVERITY[a.status]),
    lag: sorted((a, b) => b.lag - a.lag),
    lagSeconds: sorted((a, b) => b.lagSeconds - a.lagSeconds),
    groupId: sorted((a, b) => b.groupId.localeCompare(a.groupId)),
  };
  const rankOf = (list: GroupRow[]) => new Map(list.map((g, i) => [g, i]));
  return {
    rows,
    byKey,
    rank: {
      status: rankOf(byKey.status),
      lag: rankOf(byKey.lag),
      lagSeconds: rankOf(byKey.lagSeconds),
      groupId: rankOf(byKey.groupId),
    },
    lowerIds: rows.map((r) => r.groupId.toLowerCase()),
    found: new Map(),
  };
}

/** The groups whose lower-cased id contains `needle`, in no particular order; once per sample and needle. */
function search(indexed: IndexedGroups, needle: string): GroupRow[] {
  const known = indexed.found.get(needle);
  if (known) return known;
  const hits: GroupRow[] = [];
  for (let i = 0; i < indexed.rows.length; i += 1)
    if (indexed.lowerIds[i]!.includes(needle)) hits.push(indexed.rows[i]!);
  indexed.found.set(needle, hits);
  if (indexed.found.size > SEARCHES_KEPT) indexed.found.delete(indexed.found.keys().next().value!);
  return hits;
}

export function queryGroups(
  indexed: IndexedGroups,
  query: GroupQuery,
  scope: GroupScope,
): { groups: GroupRow[]; total: number } {
  const needle = query.q.toLowerCase();
  const sorted = indexed.byKey[query.sort];
  const start = (query.page - 1) * query.pageSize;
  const inOrder = (i: number) => (query.order === "desc" ? sorted[i]! : sorted[sorted.length - 1 - i]!);
  if (scope.all && !needle && !query.status && !query.cluster) {
    // The common poll: nothing to filter, so a page is a slice of the pre-sorted list.
    const end = Math.min(sorted.length, start + query.pageSize);
    const groups: GroupRow[] = [];
    for (let i = start; i < end; i += 1) groups.push(inOrder(i));
    return { groups, total: sorted.length };
  }
  const keep = (g: GroupRow) =>
    inScope(scope, g.groupId) &&
    (!query.status || g.status === query.status) &&
    (!query.cluster || g.cluster === query.cluster);
  const hits = needle ? search(indexed, needle) : null;
  if (hits && hits.length <= SORT_HITS_UP_TO) {
    const rank = indexed.rank[query.sort];
    const direction = query.order === "desc" ? 1 : -1;
    const list = hits.filter(keep).sort((a, b) => direction * (rank.get(a)! - rank.get(b)!));
    return { groups: list.slice(start, start + query.pageSize), total: list.length };
  }
  const hitSet = hits ? new Set(hits) : null;
  const groups: GroupRow[] = [];
  let total = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const g = inOrder(i);
    if (!keep(g) || (hitSet && !hitSet.has(g))) continue;
    if (total >= start && groups.length < query.pageSize) groups.push(g);
    total += 1;
  }
  return { groups, total };
}
