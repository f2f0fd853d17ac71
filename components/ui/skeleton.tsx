import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-slate-200/70 dark:bg-slate-700/70", className)} aria-hidden />;
}
