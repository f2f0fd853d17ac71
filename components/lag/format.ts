import { formatSeconds } from "@/lib/duration";
import type { DrainEstimate } from "@/server/lag/drain";

export function formatCount(value: number): string {
  return new Intl.NumberFormat("en-US", {
    notation: value >= 100_000 ? "compact" : "standard",
    maximumFractionDigits: 1,
  }).format(value);
}

/**
 * The server's time-to-drain estimate in words; the computation stays on the server. Null (or a
 * sample stored before estimates existed) reads as not known yet.
 */
export function formatDrain(drain: DrainEstimate | null | undefined): { text: string; title: string } {
  if (!drain)
    return {
      text: "—",
      title: "not known yet: needs two samples (never shown for a retry stage, whose lag waits on purpose)",
    };
  if (drain.state === "caught-up") return { text: "caught up", title: "no backlog beyond messages in flight" };
  if (drain.state === "not-draining")
    return { text: "not draining", title: "the group consumes no faster than producers write" };
  return {
    text: `drains in ~${formatSeconds(Math.max(1, drain.seconds))}`,
    title: "at the consume and produce rates of the last samples",
  };
}
