import { describe, expect, it } from "vitest";
import { decideAction, decideApprover, statusAfterJob, TENANT_STATUSES, type TenantAction } from "./lifecycle";

const allowedFrom = (action: TenantAction) => TENANT_STATUSES.filter((s) => decideAction(action, s).allowed);

describe("tenant lifecycle", () => {
  it("approves and declines only submitted requests", () => {
    expect(allowedFrom("approve")).toEqual(["SUBMITTED"]);
    expect(allowedFrom("decline")).toEqual(["SUBMITTED"]);
  });

  it("resubmits only a declined request", () => {
    expect(allowedFrom("resubmit")).toEqual(["DECLINED"]);
  });

  it("suspends an active tenant and resumes a suspended one", () => {
    expect(allowedFrom("suspend")).toEqual(["ACTIVE"]);
    expect(allowedFrom("resume")).toEqual(["SUSPENDED"]);
  });

  it("never acts on an offboarded tenant", () => {
    for (const action of [
      "approve",
      "decline",
      "resubmit",
      "retry",
      "suspend",
      "resume",
      "offboard",
      "settings",
    ] as const) {
      expect(decideAction(action, "OFFBOARDED").allowed).toBe(false);
    }
  });

  it("says what is allowed when refusing", () => {
    expect(decideAction("approve", "ACTIVE")).toEqual({
      allowed: false,
      reason: "cannot approve a tenant that is ACTIVE; allowed from SUBMITTED",
    });
  });

  it("refuses the requester as approver", () => {
    expect(decideApprover("u1", "u1")).toEqual({
      allowed: false,
      reason: "you requested this tenant; another admin must approve it",
    });
    expect(decideApprover("u1", "u2")).toEqual({ allowed: true });
    expect(decideApprover(null, "u2")).toEqual({ allowed: true });
  });

  it("maps job outcomes to the tenant's next status", () => {
    expect(statusAfterJob("provision", "succeeded")).toBe("ACTIVE");
    expect(statusAfterJob("provision", "failed")).toBe("PROVISION_FAILED");
    expect(statusAfterJob("suspend", "succeeded")).toBe("SUSPENDED");
    expect(statusAfterJob("suspend", "failed")).toBeUndefined();
    expect(statusAfterJob("resume", "succeeded")).toBe("ACTIVE");
    expect(statusAfterJob("offboard", "succeeded")).toBe("OFFBOARDED");
  });
});
