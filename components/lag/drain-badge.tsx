import type { DrainEstimate } from "@/server/lag/drain";
import { cn } from "@/components/ui/cn";
import { formatDrain } from "./format";

const TONE: Record<DrainEstimate["state"] | "unknown", string> = {
  "caught-up": "text-emerald-700 dark:text-emerald-300",
  draining: "text-slate-700 dark:text-slate-300",
  "not-draining": "font-medium text-amber-700 dark:text-amber-300",
  unknown: "text-slate-500 dark:text-slate-400",
};

/** The time to drain as the server estimated it; this only formats. */
export function DrainBadge({
  drain,
  testId,
  className,
}: {
  drain: DrainEstimate | null | undefined;
  testId?: string;
  className?: string;
}) {
  const { text, title } = formatDrain(drain);
  return (
    <span
      className={cn("whitespace-nowrap", TONE[drain?.state ?? "unknown"], className)}
      title={title}
      data-testid={testId}
    >
      {text}
    </span>
  );
}
