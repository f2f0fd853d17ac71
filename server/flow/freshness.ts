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
/** Heartbeats move the offset every 10 s and offsets are flushed every 5 s: 30 s is comfortably fresh. */
export const DEFAULT_FRESHNESS: FreshnessThresholds = { freshWithinSeconds: 30, behindWalBytes: 1_048_576 };

const age = (s: number) => (s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

export function classifyFreshness(input: FreshnessInput, thresholds: FreshnessThresholds = DEFAULT_FRESHNESS): Freshness {
  const ageSeconds = input.lastEventAtMs === null ? null : Math.max(0, (input.nowMs - input.lastEventAtMs) / 1000);
  const pending = input.pendingWalBytes;
  const pendingText = pending === null ? "" : `, ${Math.round(pending / 1024)} KiB of WAL not yet captured`;
  if (!input.connectorRunning) return { kind: "stopped", ageSeconds, label: ageSeconds === null ? "connector not running" : `connector not running; last change ${age(ageSeconds)} old` };
  if (pending !== null && pending > thresholds.behindWalBytes) {
    return { kind: "behind", ageSeconds, label: `behind: ${ageSeconds === null ? "no change captured yet" : `last change ${age(ageSeconds)} old`}${pendingText}` };
  }
  if (ageSeconds === null) return { kind: pending === null ? "unknown" : "idle", ageSeconds, label: pending === null ? "no change captured yet" : "idle: no change captured yet, none pending" };
  if (ageSeconds > thresholds.freshWithinSeconds) {
    if (pending === null) return { kind: "unknown", ageSeconds, label: `last change ${age(ageSeconds)} old; source WAL position unknown` };
    return { kind: "idle", ageSeconds, label: `idle: last change ${age(ageSeconds)} old, nothing pending at the source` };
  }
  if (!input.capturePerSecond) return { kind: "idle", ageSeconds, label: `idle: caught up (${age(ageSeconds)}), no new changes` };
  return { kind: "streaming", ageSeconds, label: `streaming: last change ${age(ageSeconds)} old${pendingText}` };
}
