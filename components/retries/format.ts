import { formatElapsed } from "@/lib/duration";

export function formatDue(dueAt: string | null, now: number): string {
  if (!dueAt) return "—";
  const ms = new Date(dueAt).getTime() - now;
  return ms <= 0 ? "due now" : `in ${formatElapsed(ms)}`;
}
