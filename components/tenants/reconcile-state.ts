/** What the reconciliation card shows and allows (pure). */
import type { Tone } from "@/components/ui/status-dot";
import type { ReconcileDifferenceJson, ReconcileRunJson } from "@/server/reconcile/view";

export const isOpen = (run: ReconcileRunJson | undefined) =>
  run !== undefined && (run.status === "queued" || run.status === "running");

/** The run whose result the card shows: the latest finished one. */
export const lastFinished = (runs: readonly ReconcileRunJson[]) =>
  runs.find((r) => r.status === "succeeded" || r.status === "failed");

export function resultOf(run: ReconcileRunJson | undefined): { tone: Tone; text: string } {
  if (!run) return { tone: "idle", text: "not reconciled yet" };
  if (run.status === "failed") return { tone: "err", text: "the last run failed" };
  if (run.differences === 0) return { tone: "ok", text: "in sync ✓" };
  return { tone: "err", text: `${run.differences} difference${run.differences === 1 ? "" : "s"}` };
}

/** Why a differing id cannot be re-synced from the list, or null. */
export function resyncBlocker(difference: ReconcileDifferenceJson, canResync: string | null): string | null {
  if (canResync) return canResync;
  if (difference.kind === "extra")
    return "not in the source: there is nothing to send again (a delete that never reached the target)";
  if (!difference.memberId) return "the member of this id is unknown";
  return null;
}

/** The lookup's re-sync call for a differing id: the member, or one claim of it. */
export function resyncRequest(
  slug: string,
  difference: ReconcileDifferenceJson,
): { path: string; body: { claimId: string | null } } {
  return {
    path: `/api/tenants/${slug}/members/${encodeURIComponent(difference.memberId ?? "")}/resync`,
    body: { claimId: difference.entity === "claims" ? difference.entityId : null },
  };
}

/** A checksum shortened for the table; the full value is in its title. */
export const shortChecksum = (checksum: string | null) => (checksum ? checksum.slice(0, 12) : "—");
