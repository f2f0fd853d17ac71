/**
 * A duration as a person would say it: "42 s", "3 min 20 s", "2 h 5 min" (whole seconds, two units
 * at most). `zeroParts: "show"` keeps a zero second or minute ("3 min 0 s"), as the member page's
 * sentences do; by default it is left out ("3 min").
 */
export function formatDuration(ms: number, { zeroParts = "drop" }: { zeroParts?: "show" | "drop" } = {}): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const show = (n: number, unit: string) => (n || zeroParts === "show" ? ` ${n} ${unit}` : "");
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${show(s % 60, "s")}`;
  return `${Math.floor(m / 60)} h${show(m % 60, "min")}`;
}
