/**
 * A claim's (or member's) sync state, from what the source says, what the target holds and what the
 * pipeline's stages recorded in the event trail. Pure, clock injected. Precedence: a failure or a
 * retry newer than the last apply wins; then versions decide (in sync / in flight / differs);
 * a change stuck longer than `stuckAfterMs` is no longer "in flight" but a difference.
 */
import { DEFAULT_RETRY_SCHEDULE, retryDelayMs, type RetrySchedule } from "@/lib/contract/retry-schedule";

export type TrailEvent = {
  stage: string;
  topic: string;
  partition: number;
  offset: string;
  sourceTs: string | null;
  processedAt: string;
  outcome: string;
  error: string | null;
};

export type EntityVersions = {
  /** null: not in the source (deleted), undefined: the source could not be read */
  source: { version: string; updatedAt: string } | null | undefined;
  target: { version: string; sourceTs: string; appliedAt: string; deleted: boolean } | null;
};

export type SyncState =
  | { kind: "in_sync"; latencyMs: number | null }
  | { kind: "in_flight"; where: string; sinceMs: number }
  | { kind: "retrying"; attempt: number; nextTryAt: string; error: string }
  | { kind: "failed"; reason: string; attempts: number; since: string; offset: string | null }
  | { kind: "missing"; detail: string }
  | { kind: "differs"; detail: string };

export const STUCK_AFTER_MS = 5 * 60_000;

/** "ValidationError: ndc must be 11 digits" → "ndc must be 11 digits". */
export function errorReason(error: string | null): string {
  if (!error) return "no reason recorded";
  const match = /^[A-Za-z]+(?:Error|Exception|Member|Headers)?: (.*)$/s.exec(error);
  return (match ? match[1]! : error).trim();
}

/** Where a change is after the stage that last recorded it. */
export function nextStop(event: TrailEvent | undefined): string {
  if (!event) return "captured from the source, not yet seen by the pipeline";
  if (event.stage === "cdc-processor")
    return `on ${event.topic.replace(/\.cdc\..*/, ".updates")}, waiting for the update-processor`;
  if (event.stage === "retry-processor") return "back on the updates topic for another attempt";
  return `at the ${event.stage}`;
}

const ms = (iso: string) => Date.parse(iso);

export function deriveSyncState(
  versions: EntityVersions,
  events: readonly TrailEvent[],
  now: Date,
  schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE,
  stuckAfterMs = STUCK_AFTER_MS,
): SyncState {
  const sorted = [...events].sort((a, b) => ms(a.processedAt) - ms(b.processedAt));
  const lastApplied = sorted.findLast((e) => e.outcome === "applied");
  const afterApply = lastApplied ? sorted.filter((e) => ms(e.processedAt) > ms(lastApplied.processedAt)) : sorted;
  const retries = afterApply.filter((e) => e.outcome === "retried");
  const last = afterApply.at(-1);
  const { source, target } = versions;
  const sourceVersion = source ? BigInt(source.version) : null;
  const targetVersion = target && !target.deleted ? BigInt(target.version) : null;
  const caughtUp = source !== undefined && sourceVersion === targetVersion;

  if (last?.outcome === "dead_lettered" && !caughtUp) {
    return {
      kind: "failed",
      reason: errorReason(last.error),
      attempts: Math.max(1, retries.length),
      since: last.processedAt,
      offset: `${last.topic}/${last.partition}@${last.offset}`,
    };
  }
  if (last?.outcome === "retried" && !caughtUp) {
    const attempt = retries.length;
    const nextTryAt = new Date(ms(last.processedAt) + retryDelayMs(attempt, schedule)).toISOString();
    return { kind: "retrying", attempt, nextTryAt, error: errorReason(last.error) };
  }
  const latencyMs = target ? ms(target.appliedAt) - ms(target.sourceTs) : null;
  if (source === undefined) {
    // Source unreadable: the trail alone decides.
    if (!last || last.outcome === "applied" || last.outcome === "skipped_stale") return { kind: "in_sync", latencyMs };
    return { kind: "in_flight", where: nextStop(last), sinceMs: now.getTime() - ms(last.processedAt) };
  }
  if (caughtUp) return { kind: "in_sync", latencyMs };
  const pendingSince = source ? ms(source.updatedAt) : ms(last?.processedAt ?? target?.appliedAt ?? now.toISOString());
  const sinceMs = Math.max(0, now.getTime() - pendingSince);
  if (sinceMs < stuckAfterMs) return { kind: "in_flight", where: nextStop(last), sinceMs };
  if (source && targetVersion === null)
    return { kind: "missing", detail: `version ${source.version} is in the source, the target has none` };
  if (!source) return { kind: "differs", detail: "deleted in the source, still present in the target" };
  return { kind: "differs", detail: `source has version ${source.version}, target has ${targetVersion}` };
}

export type TimelineStep = {
  label: string;
  at: string;
  hopMs: number | null;
  outcome: string;
  error: string | null;
  where: string | null;
};

const STAGE_LABEL: Record<string, string> = {
  "cdc-processor": "CDC topic → update",
  "update-processor": "apply",
  "retry-processor": "retry",
};

/** The path of the entity's recent changes: source commit, then each stage, with each hop's latency. */
export function buildTimeline(events: readonly TrailEvent[], limit = 12): TimelineStep[] {
  const sorted = [...events].sort((a, b) => ms(a.processedAt) - ms(b.processedAt)).slice(-limit);
  const steps: TimelineStep[] = [];
  let previous: number | null = null;
  let lastCommit: string | null = null;
  for (const e of sorted) {
    if (e.sourceTs && e.sourceTs !== lastCommit && e.stage === "cdc-processor") {
      steps.push({
        label: "source commit",
        at: e.sourceTs,
        hopMs: null,
        outcome: "committed",
        error: null,
        where: null,
      });
      previous = ms(e.sourceTs);
      lastCommit = e.sourceTs;
    }
    const at = ms(e.processedAt);
    const label = e.outcome === "dead_lettered" ? "dead-letter topic" : (STAGE_LABEL[e.stage] ?? e.stage);
    steps.push({
      label,
      at: e.processedAt,
      hopMs: previous === null ? null : Math.max(0, at - previous),
      outcome: e.outcome,
      error: e.error,
      where: `${e.topic}/${e.partition}@${e.offset}`,
    });
    previous = at;
  }
  return steps;
}
