import { describe, expect, it } from "vitest";
import { approveBlockedReason, pollInterval, progressLabel, shouldPoll, stageLags } from "./detail-state";

describe("shouldPoll", () => {
  const detail = (status: string, jobStatus?: string) => ({
    tenant: { status },
    jobs: jobStatus ? [{ status: jobStatus }] : [],
  });
  it("polls while a job is open or the tenant is being provisioned", () => {
    expect(shouldPoll(detail("ACTIVE", "running"))).toBe(true);
    expect(shouldPoll(detail("ACTIVE", "queued"))).toBe(true);
    expect(shouldPoll(detail("APPROVED"))).toBe(true);
    expect(shouldPoll(detail("PROVISIONING", "failed"))).toBe(true);
  });
  it("stops once nothing moves", () => {
    expect(shouldPoll(detail("SUBMITTED"))).toBe(false);
    expect(shouldPoll(detail("ACTIVE", "succeeded"))).toBe(false);
    expect(shouldPoll(detail("PROVISION_FAILED", "failed"))).toBe(false);
    expect(shouldPoll(undefined)).toBe(false);
  });
  it("still refreshes slowly once nothing moves, so a change made elsewhere shows without a reload", () => {
    expect(pollInterval(detail("ACTIVE", "running"))).toBe(2_000);
    expect(pollInterval(detail("ACTIVE", "succeeded"))).toBe(15_000);
    expect(pollInterval(detail("OFFBOARDED", "succeeded"))).toBe(15_000);
  });
});

describe("approveBlockedReason", () => {
  const ok = [{ ok: true, label: "Kafka reachable" }];
  const base = { canApprove: true, mine: false, status: "SUBMITTED", checks: ok, checking: false };
  it("allows a second admin once every check passed", () => {
    expect(approveBlockedReason(base)).toBeNull();
  });
  it("says why not: own request, wrong state, running or failed checks", () => {
    expect(approveBlockedReason({ ...base, mine: true, canApprove: false })).toBe(
      "you requested this tenant; another admin must approve it",
    );
    expect(approveBlockedReason({ ...base, status: "DECLINED" })).toMatch(/declined, not waiting/);
    expect(approveBlockedReason({ ...base, checking: true })).toBe("the pre-flight checks are running");
    expect(approveBlockedReason({ ...base, checks: [...ok, { ok: false, label: "Source database reachable" }] })).toBe(
      "pre-flight check failed: Source database reachable",
    );
  });
});

describe("stageLags", () => {
  it("lists every stage, NO_DATA where the group has no sample", () => {
    const rows = stageLags("acme", [
      { groupId: "sync.acme.update-processor", status: "OK", lag: 4, lagSeconds: 1.5, members: 1 },
    ]);
    expect(rows.map((r) => [r.stage, r.status])).toEqual([
      ["cdc-processor", "NO_DATA"],
      ["update-processor", "OK"],
      ["retry-processor", "NO_DATA"],
    ]);
    expect(rows[1]).toMatchObject({ lag: 4, lagSeconds: 1.5, groupId: "sync.acme.update-processor" });
  });
});

describe("progressLabel", () => {
  it("counts done steps", () => {
    expect(progressLabel([{ state: "done" }, { state: "running" }, { state: "pending" }, { state: "done" }])).toEqual({
      done: 2,
      total: 4,
      percent: 50,
    });
    expect(progressLabel([])).toEqual({ done: 0, total: 0, percent: 100 });
  });
});
