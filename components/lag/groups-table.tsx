"use client";

import Link from "@/components/ui/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { ClusterState, GroupRow, SamplerInfo } from "@/server/lag/read-lag";
import { DrainBadge } from "./drain-badge";
import { formatSeconds } from "@/lib/duration";
import { formatCount } from "./format";
import { LagStatusPill } from "./lag-status";
import { Time } from "@/components/ui/time";
import { STATUSES } from "@/server/lag/burrow-status";
import { useUrlState } from "@/components/ui/use-url-state";
import { QueryError } from "@/components/ui/query-error";
import { parseLagFilters, serializeLagFilters, type GroupSort as Sort, type LagFilters } from "./lag-url";

type Page = {
  groups: GroupRow[];
  total: number;
  page: number;
  pageSize: number;
  sampler: SamplerInfo;
  clusters: ClusterState[];
};

async function fetchGroups(params: URLSearchParams): Promise<Page> {
  const response = await fetch(`/api/lag/groups?${params}`, { cache: "no-store" });
  if (!response.ok)
    throw new Error((await response.json().catch(() => null))?.error?.message ?? `HTTP ${response.status}`);
  return response.json();
}

export function SamplerBanner({ sampler }: { sampler: SamplerInfo }) {
  if (!sampler.stale && !sampler.error) return null;
  return (
    <div
      className="mb-4 rounded-lg border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 px-4 py-3 text-sm text-red-800 dark:text-red-200"
      role="status"
    >
      {sampler.sampledAt ? "Lag data is not fresh" : "No lag has been sampled yet"}
      {sampler.error ? (
        `: ${sampler.error}`
      ) : sampler.sampledAt ? (
        <>
          {" "}
          (last sample <Time at={sampler.sampledAt} style="time" />)
        </>
      ) : (
        ""
      )}
    </div>
  );
}

/** Each Kafka cluster the sampler cannot reach, with why and since when (its groups read ERR meanwhile). */
export function ClustersDownBanner({ clusters }: { clusters: ClusterState[] }) {
  const down = clusters.filter((c) => c.state === "down");
  if (down.length === 0) return null;
  return (
    <div
      className="mb-4 rounded-lg border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 px-4 py-3 text-sm text-red-800 dark:text-red-200"
      role="status"
      data-testid="clusters-down"
    >
      {down.map((c) => (
        <p key={c.cluster}>
          Kafka cluster <span className="font-mono">{c.cluster}</span> is down since <Time at={c.since} style="time" />
          {c.reason ? `: ${c.reason}` : ""}
        </p>
      ))}
    </div>
  );
}

export function GroupsTable({ initial }: { initial: Page }) {
  // search, status, sort and page live in the URL: a filtered list can be shared by link
  const [filters, setFilters] = useUrlState(parseLagFilters, serializeLagFilters);
  const { q, status, cluster, sort, order, page } = filters;
  const update = (change: Partial<LagFilters>) => setFilters((f) => ({ ...f, page: 1, ...change }));
  const setPage = (next: number) => update({ page: next });
  const params = new URLSearchParams({
    q,
    ...(status ? { status } : {}),
    ...(cluster ? { cluster } : {}),
    sort,
    order,
    page: String(page),
    pageSize: String(initial.pageSize),
  });
  const isInitial = serializeLagFilters(filters) === "";
  const { data, error, refetch } = useQuery({
    queryKey: ["lag-groups", params.toString()],
    queryFn: () => fetchGroups(params),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const current = data ?? initial;
  const pages = Math.max(1, Math.ceil(current.total / current.pageSize));

  const header = (label: string, key: Sort, align = "text-left") => (
    <th className={cn("px-4 py-3 font-medium", align)}>
      <button
        type="button"
        className="uppercase tracking-wide hover:text-slate-900 dark:hover:text-white"
        onClick={() => {
          if (sort === key) update({ order: order === "desc" ? "asc" : "desc" });
          else update({ sort: key, order: "desc" });
        }}
      >
        {label}
        {sort === key ? (order === "desc" ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );

  return (
    <>
      <SamplerBanner sampler={current.sampler} />
      <ClustersDownBanner clusters={current.clusters} />
      <div className="mb-3 flex items-center justify-between gap-4">
        <input
          type="search"
          value={q}
          onChange={(e) => update({ q: e.target.value })}
          placeholder="Search consumer groups"
          aria-label="Search consumer groups"
          className="w-80 rounded-md border border-slate-300 dark:border-slate-600 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => update({ status: e.target.value as LagFilters["status"] })}
          className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-2 text-sm"
        >
          <option value="">every status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {(current.clusters.length > 1 || cluster) && (
          <select
            aria-label="Kafka cluster"
            value={cluster}
            onChange={(e) => update({ cluster: e.target.value })}
            className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-2 text-sm"
          >
            <option value="">all clusters</option>
            {current.clusters.map((c) => (
              <option key={c.cluster} value={c.cluster}>
                {c.cluster}
                {c.state === "down" ? " (down)" : ""}
              </option>
            ))}
          </select>
        )}
        <span className="flex-1" />
        <p className="text-xs text-slate-500 dark:text-slate-400">{formatCount(current.total)} groups</p>
      </div>
      {error && <QueryError what="Refresh failed" error={error} refetch={refetch} className="mb-3" />}
      <Card>
        <table className="w-full text-sm" data-testid="lag-groups">
          <thead className="border-b border-slate-200 dark:border-slate-700 text-xs text-slate-500 dark:text-slate-400">
            <tr>
              {header("Group", "groupId")}
              {header("Status", "status")}
              {header("Lag", "lag", "text-right")}
              {header("Lag time", "lagSeconds", "text-right")}
              <th className="px-4 py-3 text-right font-medium uppercase tracking-wide">Time to drain</th>
              <th className="px-4 py-3 text-right font-medium uppercase tracking-wide">Consumed/s</th>
              <th className="px-4 py-3 text-right font-medium uppercase tracking-wide">Members</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {current.groups.map((g) => (
              <tr
                key={`${g.cluster}/${g.groupId}`}
                className="hover:bg-slate-50 dark:hover:bg-slate-800/50"
                data-testid={`group-${g.groupId}`}
              >
                <td className="px-4 py-2.5">
                  <Link
                    href={`/lag/${encodeURIComponent(g.groupId)}${g.cluster === "default" ? "" : `?cluster=${encodeURIComponent(g.cluster)}`}`}
                    className="font-mono text-xs font-medium text-indigo-700 dark:text-indigo-300 hover:underline"
                  >
                    {g.groupId}
                  </Link>
                  {g.cluster !== "default" && (
                    <span className="ml-2 rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 font-mono text-[11px] text-slate-600 dark:text-slate-300">
                      {g.cluster}
                    </span>
                  )}
                  <p className="mt-0.5 max-w-xl truncate text-xs text-slate-500 dark:text-slate-400" title={g.reason}>
                    {g.reason}
                  </p>
                </td>
                <td className="px-4 py-2.5">
                  <LagStatusPill status={g.status} reason={g.reason} />
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">{formatCount(g.lag)}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{formatSeconds(g.lagSeconds)}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">
                  <DrainBadge drain={g.drain} testId={`drain-${g.groupId}`} />
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">{formatCount(Math.round(g.consumePerSecond))}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{g.members}</td>
              </tr>
            ))}
            {current.groups.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
                  No consumer groups match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <div className="flex items-center justify-between border-t border-slate-100 dark:border-slate-800 px-4 py-3 text-xs text-slate-500 dark:text-slate-400">
          <span>
            Page {current.page} of {pages}
          </span>
          <div className="flex gap-2">
            <button
              type="button"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
              className="rounded border border-slate-300 dark:border-slate-600 px-2.5 py-1 disabled:opacity-40"
            >
              Previous
            </button>
            <button
              type="button"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
              className="rounded border border-slate-300 dark:border-slate-600 px-2.5 py-1 disabled:opacity-40"
            >
              Next
            </button>
          </div>
        </div>
      </Card>
    </>
  );
}
