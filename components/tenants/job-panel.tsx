import { CheckCircle2, Circle, Loader2, RotateCcw, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { StatusPill, type Tone } from "@/components/ui/status-dot";
import { progressLabel } from "./detail-state";
import type { TenantJobJson } from "./types";
import { Time } from "@/components/ui/time";

const JOB_TONES: Record<string, Tone> = { queued: "idle", running: "warn", succeeded: "ok", failed: "err" };

function StepIcon({ state }: { state: string }) {
  if (state === "done")
    return <CheckCircle2 className="h-5 w-5 text-emerald-600 dark:text-emerald-400" aria-label="done" />;
  if (state === "running")
    return <Loader2 className="h-5 w-5 animate-spin text-amber-600 dark:text-amber-400" aria-label="running" />;
  if (state === "failed") return <XCircle className="h-5 w-5 text-red-600 dark:text-red-400" aria-label="failed" />;
  return <Circle className="h-5 w-5 text-slate-300" aria-label="pending" />;
}

/** The latest job of the tenant, step by step, with its progress and, when it failed, Retry. */
export function JobPanel({
  job,
  canRetry,
  busy,
  onRetry,
}: {
  job: TenantJobJson;
  canRetry: boolean;
  busy: boolean;
  onRetry: () => void;
}) {
  const { done, total, percent } = progressLabel(job.steps);
  return (
    <Card>
      <CardHeader
        title={`${job.kind.charAt(0).toUpperCase()}${job.kind.slice(1)} job`}
        description={
          <>
            attempt {job.attempt} · requested by {job.requestedBy}
            {job.finishedAt && (
              <>
                {" "}
                · finished <Time at={job.finishedAt} style="time" />
              </>
            )}
          </>
        }
        action={
          <div className="flex items-center gap-2">
            <span data-testid="job-status">
              <StatusPill tone={JOB_TONES[job.status] ?? "idle"} label={job.status} />
            </span>
            {canRetry && (
              <Button variant="primary" onClick={onRetry} disabled={busy} className="inline-flex items-center gap-1.5">
                <RotateCcw className="h-3.5 w-3.5" aria-hidden /> Retry
              </Button>
            )}
          </div>
        }
      />
      <div className="px-5 pt-4">
        <div className="flex justify-between text-xs text-slate-600 dark:text-slate-300">
          <span>
            {done} of {total} steps done
          </span>
          <span className="tabular-nums">{percent}%</span>
        </div>
        <div
          className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
          role="progressbar"
          aria-label="job progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div
            className={cn(
              "h-full rounded-full transition-all",
              job.status === "failed" ? "bg-red-500" : job.status === "succeeded" ? "bg-emerald-500" : "bg-indigo-500",
            )}
            style={{ width: `${percent}%` }}
          />
        </div>
      </div>
      <ol className="space-y-3 px-5 py-4" data-testid="job-steps">
        {job.steps.map((s) => (
          <li key={s.key} className="flex gap-3 text-sm" data-testid={`step-${s.key}`} data-state={s.state}>
            <span className="mt-0.5 shrink-0">
              <StepIcon state={s.state} />
            </span>
            <div className="min-w-0">
              <p
                className={cn(
                  "font-medium",
                  s.state === "pending" ? "text-slate-500 dark:text-slate-400" : "text-slate-800 dark:text-slate-200",
                )}
              >
                {s.label}
              </p>
              {s.state === "failed" && s.error && (
                <p className="text-xs text-red-700 dark:text-red-300 [overflow-wrap:anywhere]">{s.error}</p>
              )}
              {s.state === "done" && s.detail && (
                <p className="text-xs text-slate-500 dark:text-slate-400 [overflow-wrap:anywhere]">{s.detail}</p>
              )}
              {(s.runs ?? 0) > 1 && (
                <p className="text-xs text-amber-700 dark:text-amber-300">
                  run {s.runs} times (resumed after an interruption or a retry)
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
      {job.error && job.status === "failed" && (
        <p
          className="border-t border-red-100 dark:border-red-900 bg-red-50 dark:bg-red-950/40 px-5 py-2 text-sm text-red-700 dark:text-red-300"
          role="status"
        >
          {job.error}
        </p>
      )}
    </Card>
  );
}
