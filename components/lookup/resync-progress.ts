import type { SyncState } from "@/server/lookup/sync-state";

export type ResyncCounts = { inSync: number; failed: number; total: number; finished: boolean; label: string };

/**
 * How far a re-sync has come: of the member record and claims it touched (`member:<id>`,
 * `claim:<id>`), how many are in sync again and how many failed. A ref the page no longer shows
 * counts as neither. Pure.
 */
export function resyncProgress(
  touched: readonly string[],
  memberState: SyncState,
  claims: ReadonlyArray<{ claimId: string; state: SyncState }>,
): ResyncCounts {
  const states = touched.map((ref) =>
    ref.startsWith("member:") ? memberState : claims.find((c) => `claim:${c.claimId}` === ref)?.state,
  );
  const inSync = states.filter((s) => s?.kind === "in_sync").length;
  const failed = states.filter((s) => s?.kind === "failed").length;
  const total = states.length;
  const finished = inSync + failed === total;
  const label = !finished
    ? `Re-sync in progress: ${inSync} of ${total} in sync`
    : failed
      ? `Re-sync finished: ${inSync} in sync, ${failed} failed`
      : "Re-sync complete: in sync";
  return { inSync, failed, total, finished, label };
}
