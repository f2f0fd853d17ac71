import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/lib/duration";
import type { TimelineStep } from "@/server/lookup/sync-state";
import { Time } from "@/components/ui/time";

const DOT: Record<string, string> = {
  committed: "bg-slate-400",
  produced: "bg-sky-500",
  applied: "bg-emerald-500",
  skipped_stale: "bg-slate-300 dark:bg-slate-600",
  retried: "bg-orange-500",
  dead_lettered: "bg-red-600",
  failed: "bg-red-600",
};

/** source commit → CDC topic → update → apply (retries, DLQ), each hop with its latency. */
export function ClaimTimeline({ steps }: { steps: TimelineStep[] }) {
  if (steps.length === 0)
    return (
      <p className="text-xs text-slate-500 dark:text-slate-400">
        No pipeline events recorded for this claim in the trail&apos;s retention window.
      </p>
    );
  return (
    <ol className="flex flex-wrap items-start gap-y-3" aria-label="Timeline">
      {steps.map((step, i) => (
        <li key={`${step.at}-${i}`} className="flex items-start">
          {i > 0 && (
            <div className="mx-1 mt-1 flex w-20 flex-col items-center">
              <div className="h-px w-full bg-slate-300 dark:bg-slate-600" />
              <span
                className={cn(
                  "mt-1 text-[11px]",
                  (step.hopMs ?? 0) > 10_000
                    ? "font-semibold text-amber-700 dark:text-amber-300"
                    : "text-slate-500 dark:text-slate-400",
                )}
              >
                {step.hopMs === null
                  ? ""
                  : step.hopMs < 1000
                    ? `${step.hopMs} ms`
                    : formatDuration(step.hopMs, { zeroParts: "show" })}
              </span>
            </div>
          )}
          <div
            className="flex max-w-48 flex-col items-center text-center"
            title={step.error ?? step.where ?? undefined}
          >
            <span className={cn("h-2.5 w-2.5 rounded-full", DOT[step.outcome] ?? "bg-slate-400")} aria-hidden />
            <span className="mt-1 text-xs font-medium text-slate-800 dark:text-slate-200">{step.label}</span>
            <span className="text-[11px] text-slate-500 dark:text-slate-400">
              {step.outcome.replace("_", " ")} · <Time at={step.at} style="precise" />
            </span>
            {step.where && <span className="text-[11px] text-slate-500 dark:text-slate-400">{step.where}</span>}
            {step.error && <span className="mt-0.5 text-[11px] text-red-700 dark:text-red-300">{step.error}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
