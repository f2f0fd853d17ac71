"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import type { DifferencesPage } from "@/server/reconcile/service";
import type { ReconcileDifferenceJson, ReconcileRunJson } from "@/server/reconcile/view";
import { resyncBlocker, resyncRequest } from "./reconcile-state";
import { QueryError } from "@/components/ui/query-error";

const PAGE = 20;
const KIND_WORDS: Record<string, string> = {
  missing: "missing in target",
  extra: "only in target",
  different: "versions differ",
};

/** A run's differing ids, a page at a time (keyset cursors kept as a stack for Previous), each with Re-sync. */
export function ReconcileDifferences({
  slug,
  run,
  canResync,
}: {
  slug: string;
  run: ReconcileRunJson;
  canResync: string | null;
}) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [done, setDone] = useState<Record<string, string>>({});
  const cursor = cursors[cursors.length - 1];
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: ["reconcile-differences", slug, run.id, cursor ?? ""],
    queryFn: () =>
      fetchJson<DifferencesPage>(
        `/api/tenants/${slug}/reconcile/${run.id}/differences?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      ),
  });

  const resync = async (d: ReconcileDifferenceJson) => {
    const key = `${d.entity}:${d.entityId}`;
    const { path, body } = resyncRequest(slug, d);
    try {
      const result = await fetchJson<{ touched: string[] }>(path, { method: "POST", body });
      setDone((s) => ({ ...s, [key]: `re-sync requested (${result.touched.length} touched)` }));
    } catch (e) {
      setDone((s) => ({ ...s, [key]: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <div className="border-t border-slate-100 dark:border-slate-800 px-5 py-4" data-testid="reconcile-differences">
      <p className="text-xs font-medium text-slate-600 dark:text-slate-300">Differing ids</p>
      {error && <QueryError what="Could not load" error={error} refetch={refetch} className="mt-2" />}
      <table className="mt-2 w-full text-left text-sm">
        <thead className="text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-3 font-medium">Entity</th>
            <th className="pr-3 font-medium">Id</th>
            <th className="pr-3 font-medium">Difference</th>
            <th className="pr-3 font-medium">Source v.</th>
            <th className="pr-3 font-medium">Target v.</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.differences.map((d) => {
            const key = `${d.entity}:${d.entityId}`;
            return (
              <tr
                key={key}
                className="border-t border-slate-100 dark:border-slate-800"
                data-testid="reconcile-difference"
                data-id={d.entityId}
                data-kind={d.kind}
              >
                <td className="py-1.5 pr-3">{d.entity}</td>
                <td className="pr-3 font-mono text-xs">{d.entityId}</td>
                <td className="pr-3">{KIND_WORDS[d.kind] ?? d.kind}</td>
                <td className="pr-3 tabular-nums">{d.sourceVersion ?? "—"}</td>
                <td className="pr-3 tabular-nums">{d.targetVersion ?? "—"}</td>
                <td className="py-1 text-right">
                  {done[key] ? (
                    <span className="text-xs text-slate-600 dark:text-slate-300" role="status">
                      {done[key]}
                    </span>
                  ) : (
                    <Button onClick={() => void resync(d)} disabledReason={resyncBlocker(d, canResync)}>
                      Re-sync
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="mt-3 flex items-center justify-between text-xs text-slate-600 dark:text-slate-300">
        <span>
          {run.differences} differing id{run.differences === 1 ? "" : "s"}
          {isFetching ? " · loading…" : ""}
        </span>
        <div className="flex gap-2">
          <Button
            onClick={() => setCursors((c) => c.slice(0, -1))}
            disabledReason={cursors.length === 0 ? "this is the first page" : null}
          >
            Previous
          </Button>
          <Button
            onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
            disabledReason={data?.nextCursor ? null : "this is the last page"}
          >
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}
