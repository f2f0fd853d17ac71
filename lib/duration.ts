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

/**
 * A duration rounded to one unit, for tables, charts and status reasons: "0 s", "< 1 s", "42 s",
 * "10 min", "2.5 h", "3 d". Seconds up to 2 min, minutes up to 2 h, hours (one decimal) up to 2 d.
 */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 1) return s === 0 ? "0 s" : "< 1 s";
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7_200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Number((s / 3_600).toFixed(1))} h`;
  return `${Math.round(s / 86_400)} d`;
}

/** `formatElapsed` for a value in seconds, as lag and retry ages are kept. */
export const formatSeconds = (seconds: number): string => formatElapsed(seconds * 1000);
