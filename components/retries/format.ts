/** "3 s", "4 min", "2 h" from milliseconds; negative means "due" for due times. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

export function formatDue(dueAt: string | null, now: number): string {
  if (!dueAt) return "—";
  const ms = new Date(dueAt).getTime() - now;
  return ms <= 0 ? "due now" : `in ${formatAge(ms)}`;
}
