/**
 * CDC freshness: how old the newest change the connector captured is (now − its source commit
 * time), and whether an old one means the source is *idle* (nothing new to capture) or the
 * connector is *behind* (the source has written WAL the connector has not confirmed yet).
 */
export type FreshnessInput = {
  nowMs: number;
  /** source commit time of the connector's last committed event; null when it has none */
  lastEventAtMs: number | null;
  /** WAL the source wrote past the slot's confirmed position, in bytes; null when not measurable */
  pendingWalBytes: number | null;
  /** change events per second arriving on the cdc topics */
  capturePerSecond: number | null;
  connectorRunning: boolean;
};

export type FreshnessKind = "streaming" | "idle" | "behind" | "stopped" | "unknown";
export type Freshness = { kind: FreshnessKind; ageSeconds: number | null; label: string };

export type FreshnessThresholds = { freshWithinSeconds: number; behindWalBytes: number };
/**
 * Heartbeats move the offset every 10 s and offsets are flushed every 5 s: 30 s is comfortably
 * fresh. WAL is per server, not per database, so a slot that is caught up still trails by what the
 * other databases wrote since its last confirm: "behind" needs more than that noise.
 */
export const DEFAULT_FRESHNESS: FreshnessThresholds = { freshWithinSeconds: 30, behindWalBytes: 16 * 1_048_576 };

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const age = (s: number) =>
  s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;

export function classifyFreshness(
  input: FreshnessInput,
  thresholds: FreshnessThresholds = DEFAULT_FRESHNESS,
): Freshness {
  const ageSeconds = input.lastEventAtMs === null ? null : Math.max(0, (input.nowMs - input.lastEventAtMs) / 1000);
  const pending = input.pendingWalBytes;
  const last = ageSeconds === null ? "no change captured yet" : `last change ${age(ageSeconds)} old`;
  if (!input.connectorRunning) return { kind: "stopped", ageSeconds, label: `connector not running; ${last}` };
  if (ageSeconds !== null && ageSeconds <= thresholds.freshWithinSeconds) {
    return input.capturePerSecond
      ? { kind: "streaming", ageSeconds, label: `streaming: ${last}` }
      : { kind: "idle", ageSeconds, label: `idle: caught up (${last}), no new changes` };
  }
  // An old (or no) last change: either the source has nothing new, or the connector is not keeping up.
  if (pending === null) return { kind: "unknown", ageSeconds, label: `${last}; the source's WAL position is unknown` };
  if (pending > thresholds.behindWalBytes)
    return { kind: "behind", ageSeconds, label: `behind: ${last}, ${mib(pending)} of WAL not yet captured` };
  return { kind: "idle", ageSeconds, label: `idle: ${last}, nothing pending at the source` };
}
