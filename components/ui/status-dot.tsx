import { cn } from "./cn";

export type Tone = "ok" | "warn" | "stall" | "err" | "rewind" | "idle";

const TONE_CLASSES: Record<Tone, { dot: string; pill: string }> = {
  ok: { dot: "bg-ok", pill: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  warn: { dot: "bg-warn", pill: "bg-amber-50 text-amber-800 ring-amber-600/20" },
  stall: { dot: "bg-stall", pill: "bg-orange-50 text-orange-800 ring-orange-600/20" },
  err: { dot: "bg-err", pill: "bg-red-50 text-red-700 ring-red-600/20" },
  rewind: { dot: "bg-rewind", pill: "bg-violet-50 text-violet-700 ring-violet-600/20" },
  idle: { dot: "bg-slate-300", pill: "bg-slate-100 text-slate-600 ring-slate-500/20" },
};

export function StatusPill({ tone, label, title }: { tone: Tone; label: string; title?: string }) {
  const classes = TONE_CLASSES[tone];
  return (
    <span title={title} className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", classes.pill)}>
      <span className={cn("h-1.5 w-1.5 rounded-full", classes.dot)} aria-hidden />
      {label}
    </span>
  );
}
