"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryError } from "@/components/ui/query-error";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatusPill, type Tone } from "@/components/ui/status-dot";
import type { ReplayJobView } from "@/server/retries/dlq-replay";
import { Time } from "@/components/ui/time";

const TONES: Record<string, Tone> = {
  queued: "idle",
  running: "warn",
  succeeded: "ok",
  failed: "err",
  canceled: "rewind",
};

/** Replay jobs with live progress; the jobs live in the database, so a reload shows them as they are. */
export function ReplayJobs({ tenant, canReplay }: { tenant: string; canReplay: boolean }) {
  const client = useQueryClient();
  const { data, error, refetch } = useQuery({
    queryKey: ["replay-jobs", tenant],
    queryFn: () => fetchJson<{ jobs: ReplayJobView[] }>(`/api/tenants/${tenant}/dlq/replay`),
    refetchInterval: (query) =>
      query.state.data?.jobs.some((j) => j.status === "queued" || j.status === "running") ? 1_000 : 5_000,
  });
  const jobs = data?.jobs ?? [];
  if (error && jobs.length === 0)
    return <QueryError what="Could not load the replay jobs" error={error} refetch={refetch} />;
  if (jobs.length === 0) return null;
  const cancel = async (id: string) => {
    await fetchJson(`/api/tenants/${tenant}/dlq/replay/${id}`, { method: "DELETE" });
    await client.invalidateQueries({ queryKey: ["replay-jobs", tenant] });
  };
  return (
    <Card>
      <CardHeader title="Replay jobs" description="Progress survives a reload; every job is in the audit log" />
      {error && (
        <QueryError what="Could not refresh the replay jobs" error={error} refetch={refetch} className="mx-5" />
      )}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="replay-jobs">
        {jobs.map((job) => {
          const handled = job.done + job.skipped;
          const pct = job.total ? Math.min(100, Math.round((handled / job.total) * 100)) : 100;
          const active = job.status === "queued" || job.status === "running";
          return (
            <li key={job.id} className="px-5 py-3 text-sm" data-status={job.status}>
              <div className="flex items-center justify-between gap-4">
                <div className="flex items-center gap-3">
                  <StatusPill tone={TONES[job.status] ?? "idle"} label={job.status} />
                  <span className="text-slate-700 dark:text-slate-300">
                    {handled} / {job.total} to {job.target === "retry" ? "the first retry step" : "the original topic"}
                  </span>
                  {job.skipped > 0 && <span className="text-amber-700 dark:text-amber-300">{job.skipped} skipped</span>}
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    by {job.createdBy}, <Time at={job.createdAt} style="time" />, ≤ {job.ratePerSec}/s
                  </span>
                </div>
                {active && canReplay && <Button onClick={() => void cancel(job.id)}>Cancel</Button>}
              </div>
              <div
                className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
                role="progressbar"
                aria-valuenow={pct}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <div
                  className={`h-full ${job.status === "failed" ? "bg-red-500" : job.status === "succeeded" ? "bg-emerald-500" : "bg-indigo-500"}`}
                  style={{ width: `${pct}%` }}
                />
              </div>
              {job.error && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{job.error}</p>}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
