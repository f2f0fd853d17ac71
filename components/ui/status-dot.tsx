import { cn } from "./cn";

export type Tone = "ok" | "warn" | "stall" | "err" | "rewind" | "idle";

const TONE_CLASSES: Record<Tone, { dot: string; pill: string }> = {
  ok: {
    dot: "bg-ok",
    pill: "bg-emerald-50 dark:bg-emerald-950/40 text-emerald-700 dark:text-emerald-300 ring-emerald-600/20 dark:ring-emerald-400/30",
  },
  warn: {
    dot: "bg-warn",
    pill: "bg-amber-50 dark:bg-amber-950/40 text-amber-800 dark:text-amber-200 ring-amber-600/20 dark:ring-amber-400/30",
  },
  stall: {
    dot: "bg-stall",
    pill: "bg-orange-50 dark:bg-orange-950/40 text-orange-800 dark:text-orange-200 ring-orange-600/20 dark:ring-orange-400/30",
  },
  err: {
    dot: "bg-err",
    pill: "bg-red-50 dark:bg-red-950/40 text-red-700 dark:text-red-300 ring-red-600/20 dark:ring-red-400/30",
  },
  rewind: {
    dot: "bg-rewind",
    pill: "bg-violet-50 dark:bg-violet-950/40 text-violet-700 dark:text-violet-300 ring-violet-600/20 dark:ring-violet-400/30",
  },
  idle: {
    dot: "bg-slate-300 dark:bg-slate-600",
    pill: "bg-slate-100 dark:bg-slate-800 text-slate-600 dark:text-slate-300 ring-slate-500/20 dark:ring-slate-400/30",
  },
};

export function StatusPill({ tone, label, title }: { tone: Tone; label: string; title?: string }) {
  const classes = TONE_CLASSES[tone];
  return (
    <span
      title={title}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        classes.pill,
      )}
    >
      <span className={cn("h-1.5 w-1.5 rounded-full", classes.dot)} aria-hidden />
      {label}
    </span>
  );
}
