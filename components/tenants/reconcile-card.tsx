"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw, Scale } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatusPill } from "@/components/ui/status-dot";
import type { ReconcileOverview } from "@/server/reconcile/service";
import type { ReconcileRunJson } from "@/server/reconcile/view";
import { ReconcileDifferences } from "./reconcile-differences";
import { isOpen, lastFinished, resultOf, shortChecksum } from "./reconcile-state";
import { Time } from "@/components/ui/time";
import { QueryError } from "@/components/ui/query-error";

function Progress({ run }: { run: ReconcileRunJson }) {
  return (
    <div className="px-5 pt-4" data-testid="reconcile-progress">
      <div className="flex justify-between text-xs text-slate-600 dark:text-slate-300">
        <span>{run.status === "queued" ? "queued: waiting for a worker" : "comparing id ranges…"}</span>
        <span className="tabular-nums">{run.percent}%</span>
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
        role="progressbar"
        aria-label="reconciliation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={run.percent}
      >
        <div className="h-full rounded-full bg-indigo-500 transition-all" style={{ width: `${run.percent}%` }} />
      </div>
    </div>
  );
}

function EntityTable({ run }: { run: ReconcileRunJson }) {
  const rows = Object.entries(run.entities);
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto px-5 py-4">
      <table className="w-full text-left text-sm" data-testid="reconcile-entities">
        <thead className="text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-3 font-medium">Entity</th>
            <th className="pr-3 font-medium">Source</th>
            <th className="pr-3 font-medium">Target</th>
            <th className="pr-3 font-medium">Checksums (source / target)</th>
            <th className="font-medium">Missing · extra · different</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([entity, p]) => (
            <tr
              key={entity}
              className="border-t border-slate-100 dark:border-slate-800"
              data-testid={`reconcile-entity-${entity}`}
            >
              <td className="py-1.5 pr-3 font-medium text-slate-800 dark:text-slate-200">{entity}</td>
              <td className="pr-3 tabular-nums">{p.sourceCount.toLocaleString("en-GB")}</td>
              <td className="pr-3 tabular-nums">{p.targetCount.toLocaleString("en-GB")}</td>
              <td className="pr-3 font-mono text-xs">
                <span title={p.sourceChecksum ?? undefined}>{shortChecksum(p.sourceChecksum)}</span>
                {" / "}
                <span
                  title={p.targetChecksum ?? undefined}
                  className={
                    p.sourceChecksum && p.sourceChecksum !== p.targetChecksum
                      ? "text-red-700 dark:text-red-300"
                      : undefined
                  }
                >
                  {shortChecksum(p.targetChecksum)}
                </span>
              </td>
              <td className="tabular-nums">
                {p.missing} · {p.extra} · {p.different}
                {p.settled ? (
                  <span
                    className="ml-2 text-xs text-slate-500 dark:text-slate-400"
                    title="differed during the scan, matched when read again: changes that were in flight"
                  >
                    +{p.settled} in flight, settled
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The tenant's reconciliation: last result, counts and checksums per entity, Run with its progress, and the differing ids. */
export function ReconcileCard({ slug }: { slug: string }) {
  const queryClient = useQueryClient();
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, refetch } = useQuery({
    queryKey: ["reconcile", slug],
    queryFn: () => fetchJson<ReconcileOverview>(`/api/tenants/${slug}/reconcile`),
    refetchInterval: (query) => (isOpen(query.state.data?.runs[0]) ? 1_000 : 30_000),
  });
  const latest = data?.runs[0];
  const shown = data ? lastFinished(data.runs) : undefined;
  const result = resultOf(shown);

  const run = async () => {
    setStarting(true);
    setProblem(null);
    try {
      await fetchJson(`/api/tenants/${slug}/reconcile`, { method: "POST" });
      await queryClient.invalidateQueries({ queryKey: ["reconcile", slug] });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  };

  const blocker = !data
    ? "loading…"
    : (data.canRun ?? (isOpen(latest) ? "a run is already in progress" : starting ? "starting…" : null));
  return (
    <Card>
      <div data-testid="reconcile-card">
        <CardHeader
          title="Reconciliation"
          description={
            shown ? (
              <>
                last run <Time at={shown.finishedAt} /> · requested by {shown.requestedBy}
              </>
            ) : (
              "compares the target with the source: counts, checksums and differing ids"
            )
          }
          action={
            <div className="flex items-center gap-2">
              <span data-testid="reconcile-result">
                <StatusPill tone={result.tone} label={result.text} />
              </span>
              <Button
                variant="primary"
                onClick={() => void run()}
                disabledReason={blocker}
                className="inline-flex items-center gap-1.5"
              >
                <Scale className="h-3.5 w-3.5" aria-hidden /> Run
              </Button>
            </div>
          }
        />
        {error && <QueryError what="Could not refresh" error={error} refetch={refetch} className="mx-5 mt-3" />}
        {problem && (
          <p className="px-5 pt-3 text-sm text-red-700 dark:text-red-300" role="status">
            Run: {problem}
          </p>
        )}
        {latest && isOpen(latest) && <Progress run={latest} />}
        {shown?.status === "failed" && shown.error && (
          <p className="px-5 pt-3 text-sm text-red-700 dark:text-red-300 [overflow-wrap:anywhere]">{shown.error}</p>
        )}
        {shown && <EntityTable run={shown} />}
        {shown && shown.differences > 0 && data && (
          <ReconcileDifferences slug={slug} run={shown} canResync={data.canResync} />
        )}
        {!data && !error && (
          <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-500 dark:text-slate-400">
            <RefreshCw className="h-4 w-4 animate-spin" aria-hidden /> loading…
          </p>
        )}
      </div>
    </Card>
  );
}
