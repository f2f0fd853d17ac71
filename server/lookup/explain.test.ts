import { describe, expect, it } from "vitest";
import { explainMember } from "./explain";
import type { SyncState } from "./sync-state";

const inSync: SyncState = { kind: "in_sync", latencyMs: 2000 };
const claims = (n: number, state: SyncState = inSync) =>
  Array.from({ length: n }, (_, i) => ({ claimId: `C-${i + 1}`, state }));

describe("explainMember", () => {
  it("all in sync, with the last change's latency", () => {
    expect(explainMember(claims(14), { latencyMs: 2000 })).toBe(
      "All 14 claims are in sync; last change applied 2 s after the source commit",
    );
  });

  it("a failure first, in the words of the DLQ", () => {
    const failed: SyncState = {
      kind: "failed",
      reason: "pharmacy id unknown",
      attempts: 3,
      since: "2026-11-23T10:42:07.000Z",
      offset: null,
    };
    expect(explainMember([...claims(2), { claimId: "C-88", state: failed }], null)).toBe(
      "Claim C-88 failed: pharmacy id unknown (3 attempts, in DLQ since 10:42 UTC)",
    );
  });

  it("then retries, gaps and changes in flight", () => {
    const retrying: SyncState = {
      kind: "retrying",
      attempt: 2,
      nextTryAt: "2026-11-23T10:43:00.000Z",
      error: "member M1 is not in the target yet",
    };
    expect(explainMember([{ claimId: "C-9", state: retrying }], null)).toBe(
      "Claim C-9 is retrying: attempt 2, next try at 10:43 UTC (member M1 is not in the target yet)",
    );
    expect(explainMember([{ claimId: "C-5", state: { kind: "missing", detail: "gone" } }], null)).toBe(
      "Claim C-5 is missing in the target: gone. Request a re-sync.",
    );
    const moving: SyncState = { kind: "in_flight", where: "x", sinceMs: 3_000 };
    expect(explainMember([...claims(3), { claimId: "C-7", state: moving }], null)).toBe(
      "1 claim of 4 in flight (the oldest for 3 s); the rest are in sync",
    );
  });

  it("reads well for one claim and none", () => {
    expect(explainMember(claims(1), null)).toBe("The member's 1 claim is in sync");
    expect(explainMember([], null)).toBe("The member has no claims; the profile is in sync");
  });
});
