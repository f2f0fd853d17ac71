/**
 * Consumer status from a sliding window of samples, after Burrow's evaluation rules
 * (github.com/linkedin/Burrow wiki, "Consumer Lag Evaluation Rules"), adapted to periodic
 * samples: Kafka's offset API gives no commit timestamps, so a group with no members and an
 * unmoving offset is STOP, while one whose members are connected but whose offset does not move
 * is STALL.
 */
import { formatElapsed } from "@/lib/duration";

export const STATUSES = ["OK", "WARN", "REWIND", "STALL", "STOP", "ERR"] as const;
export type LagStatus = (typeof STATUSES)[number];

/** Higher is worse; a group or stage shows its worst partition. */
export const SEVERITY: Record<LagStatus, number> = { OK: 0, WARN: 1, REWIND: 2, STALL: 3, STOP: 4, ERR: 5 };

export type PartitionSample = { atMs: number; committed: number; end: number };

export type StatusVerdict = { status: LagStatus; reason: string };

/** `window` is oldest first. */
export function evaluatePartition(window: readonly PartitionSample[], groupHasMembers: boolean): StatusVerdict {
  if (window.length === 0) return { status: "ERR", reason: "no offsets sampled yet" };
  const lags = window.map((s) => s.end - s.committed);
  if (lags.some((lag) => lag <= 0)) return { status: "OK", reason: "caught up within the window" };

  for (let i = 1; i < window.length; i += 1) {
    if (window[i]!.committed < window[i - 1]!.committed) {
      return {
        status: "REWIND",
        reason: `committed offset went back from ${window[i - 1]!.committed} to ${window[i]!.committed}`,
      };
    }
  }

  const first = window[0]!;
  const last = window[window.length - 1]!;
  if (window.length >= 2 && first.committed === last.committed) {
    const still = formatElapsed(last.atMs - first.atMs);
    return groupHasMembers
      ? { status: "STALL", reason: `consumers are connected but the committed offset has not moved for ${still}` }
      : { status: "STOP", reason: `no consumer is running; ${lags[lags.length - 1]} messages waiting for ${still}` };
  }

  const neverShrank = lags.every((lag, i) => i === 0 || lag >= lags[i - 1]!);
  if (window.length >= 3 && neverShrank) {
    return {
      status: "WARN",
      reason: `consuming, but lag grew from ${lags[0]} to ${lags[lags.length - 1]} over ${formatElapsed(last.atMs - first.atMs)}`,
    };
  }
  return { status: "OK", reason: "consuming and keeping up" };
}

export function worstOf(verdicts: readonly StatusVerdict[]): StatusVerdict {
  if (verdicts.length === 0) return { status: "OK", reason: "no partitions" };
  return verdicts.reduce((worst, v) => (SEVERITY[v.status] > SEVERITY[worst.status] ? v : worst));
}

/** A group's verdict: its worst partition, raised to WARN when lag in seconds breaks the SLO. */
export function evaluateGroup(
  partitions: readonly StatusVerdict[],
  maxLagSeconds: number,
  sloSeconds: number | undefined,
): StatusVerdict {
  const worst = worstOf(partitions);
  if (sloSeconds !== undefined && maxLagSeconds > sloSeconds && SEVERITY[worst.status] < SEVERITY.WARN) {
    return { status: "WARN", reason: `lag ${Math.round(maxLagSeconds)} s is over the ${sloSeconds} s objective` };
  }
  return worst;
}
