/** The one sentence at the top of a member's page: what a person needs before the details. Pure. */
import { formatDuration } from "@/lib/duration";
import type { SyncState } from "./sync-state";

export type ExplainedClaim = { claimId: string; state: SyncState };

/** HH:MM UTC: the sentence is written on the server, so it names its zone and reads the same for everyone. */
export function clock(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function explainMember(claims: readonly ExplainedClaim[], lastApply: { latencyMs: number } | null): string {
  const failed = claims.filter((c) => c.state.kind === "failed");
  const first = failed[0];
  if (first && first.state.kind === "failed") {
    const s = first.state;
    const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, "more claim")} failed)` : "";
    return `Claim ${first.claimId} failed: ${s.reason} (${plural(s.attempts, "attempt")}, in DLQ since ${clock(s.since)})${more}`;
  }
  const retrying = claims.find((c) => c.state.kind === "retrying");
  if (retrying && retrying.state.kind === "retrying") {
    const s = retrying.state;
    return `Claim ${retrying.claimId} is retrying: attempt ${s.attempt}, next try at ${clock(s.nextTryAt)} (${s.error})`;
  }
  const gap = claims.find((c) => c.state.kind === "missing" || c.state.kind === "differs");
  if (gap && (gap.state.kind === "missing" || gap.state.kind === "differs")) {
    const what = gap.state.kind === "missing" ? "is missing in the target" : "differs from the source";
    return `Claim ${gap.claimId} ${what}: ${gap.state.detail}. Request a re-sync.`;
  }
  const moving = claims.filter((c) => c.state.kind === "in_flight");
  if (moving.length > 0) {
    const oldest = Math.max(...moving.map((c) => (c.state.kind === "in_flight" ? c.state.sinceMs : 0)));
    return `${plural(moving.length, "claim")} of ${claims.length} in flight (the oldest for ${formatDuration(oldest, { zeroParts: "show" })}); the rest are in sync`;
  }
  const all =
    claims.length === 1
      ? "The member's 1 claim is"
      : claims.length === 0
        ? "The member has no claims; the profile is"
        : `All ${claims.length} claims are`;
  const tail = lastApply
    ? `; last change applied ${formatDuration(lastApply.latencyMs, { zeroParts: "show" })} after the source commit`
    : "";
  return `${all} in sync${tail}`;
}
