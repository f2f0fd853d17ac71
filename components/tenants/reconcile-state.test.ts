import { describe, expect, it } from "vitest";
import type { ReconcileDifferenceJson, ReconcileRunJson } from "@/server/reconcile/view";
import { isOpen, lastFinished, resultOf, resyncBlocker, resyncRequest, shortChecksum } from "./reconcile-state";

const run = (over: Partial<ReconcileRunJson>): ReconcileRunJson => ({
  id: "r",
  status: "succeeded",
  requestedBy: "a@x",
  createdAt: "",
  startedAt: null,
  finishedAt: null,
  percent: 100,
  differences: 0,
  error: null,
  entities: {},
  ...over,
});
const diff = (over: Partial<ReconcileDifferenceJson>): ReconcileDifferenceJson => ({
  entity: "members",
  entityId: "m-1",
  kind: "missing",
  memberId: "m-1",
  sourceVersion: "2",
  targetVersion: null,
  ...over,
});

describe("reconcile card state", () => {
  it("shows the latest finished run's result while a newer one runs", () => {
    const runs = [run({ id: "new", status: "running", percent: 40 }), run({ id: "old", differences: 3 })];
    expect(isOpen(runs[0])).toBe(true);
    expect(lastFinished(runs)?.id).toBe("old");
    expect(resultOf(lastFinished(runs))).toEqual({ tone: "err", text: "3 differences" });
    expect(resultOf(run({ differences: 0 }))).toEqual({ tone: "ok", text: "in sync ✓" });
    expect(resultOf(run({ status: "failed" })).tone).toBe("err");
    expect(resultOf(undefined).text).toBe("not reconciled yet");
  });

  it("re-syncs a member, or a claim through its member; an extra id has nothing to re-send", () => {
    expect(resyncRequest("acme", diff({}))).toEqual({
      path: "/api/tenants/acme/members/m-1/resync",
      body: { claimId: null },
    });
    expect(resyncRequest("acme", diff({ entity: "claims", entityId: "c-9", memberId: "m-4" }))).toEqual({
      path: "/api/tenants/acme/members/m-4/resync",
      body: { claimId: "c-9" },
    });
    expect(resyncBlocker(diff({}), null)).toBeNull();
    expect(resyncBlocker(diff({ kind: "extra" }), null)).toMatch(/not in the source/);
    expect(resyncBlocker(diff({}), "needs entity.resync")).toBe("needs entity.resync");
    expect(resyncBlocker(diff({ memberId: null }), null)).toMatch(/unknown/);
  });

  it("shortens checksums", () => {
    expect(shortChecksum("0123456789abcdef")).toBe("0123456789ab");
    expect(shortChecksum(null)).toBe("—");
  });
});
