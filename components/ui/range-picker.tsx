"use client";

import { cn } from "./cn";

/** A row of time-range buttons (e.g. 15m, 1h, 6h); the chosen one is dark. */
export function RangePicker<R extends string>({
  ranges,
  value,
  onChange,
}: {
  ranges: readonly R[];
  value: R;
  onChange: (range: R) => void;
}) {
  return (
    <div className="flex gap-1" role="group" aria-label="Range">
      {ranges.map((r) => (
        <button
          key={r}
          type="button"
          onClick={() => onChange(r)}
          aria-pressed={r === value}
          className={cn(
            "rounded-md px-3 py-1 text-xs font-medium",
            r === value
              ? "bg-slate-900 text-white"
              : "bg-white dark:bg-slate-900 text-slate-600 dark:text-slate-300 ring-1 ring-slate-200 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/50",
          )}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
