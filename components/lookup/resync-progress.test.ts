import { describe, expect, it } from "vitest";
import type { SyncState } from "@/server/lookup/sync-state";
import { resyncProgress } from "./resync-progress";

const inSync: SyncState = { kind: "in_sync", latencyMs: 40 };
const inFlight: SyncState = { kind: "in_flight", where: "updates", sinceMs: 200 };
const failed: SyncState = {
  kind: "failed",
  reason: "bad ndc",
  attempts: 4,
  since: "2026-12-04T10:00:00.000Z",
  offset: null,
};

describe("resyncProgress", () => {
  it("counts the touched records that are in sync, of all touched", () => {
    const claims = [
      { claimId: "C-1", state: inSync },
      { claimId: "C-2", state: inFlight },
      { claimId: "C-3", state: inSync },
    ];
    expect(resyncProgress(["member:M-1", "claim:C-1", "claim:C-2"], inFlight, claims)).toEqual({
      inSync: 1,
      failed: 0,
      total: 3,
      finished: false,
      label: "Re-sync in progress: 1 of 3 in sync",
    });
  });

  it("finishes when every touched record is in sync or failed, and says how many failed", () => {
    const claims = [{ claimId: "C-1", state: failed }];
    expect(resyncProgress(["member:M-1", "claim:C-1"], inSync, claims)).toMatchObject({
      inSync: 1,
      failed: 1,
      total: 2,
      finished: true,
      label: "Re-sync finished: 1 in sync, 1 failed",
    });
    expect(resyncProgress(["member:M-1"], inSync, [])).toMatchObject({
      finished: true,
      label: "Re-sync complete: in sync",
    });
  });

  it("counts a claim the page no longer shows as not yet in sync", () => {
    expect(resyncProgress(["claim:C-9"], inSync, [])).toMatchObject({ inSync: 0, total: 1, finished: false });
  });
});
