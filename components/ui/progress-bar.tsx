import { cn } from "./cn";

/**
 * A labelled progress bar: the label is shown as text and is the bar's accessible value text, so a
 * screen reader hears "2 of 3 replicas ready", not only a percentage.
 */
export function ProgressBar({
  value,
  max,
  label,
  name,
  tone = "progress",
  testId,
}: {
  value: number;
  max: number;
  /** what the numbers mean, shown beside the bar */
  label: string;
  /** the bar's accessible name */
  name: string;
  tone?: "progress" | "done" | "failed";
  testId?: string;
}) {
  const percent = max > 0 ? Math.min(100, Math.max(0, Math.round((value / max) * 100))) : 100;
  return (
    <div className="flex min-w-40 flex-col gap-1" data-testid={testId}>
      <div
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className={cn(
            "h-full",
            tone === "failed" ? "bg-red-500" : tone === "done" ? "bg-emerald-500" : "bg-indigo-500",
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="text-xs tabular-nums text-slate-600 dark:text-slate-300">{label}</span>
    </div>
  );
}
