import { describe, expect, it } from "vitest";
import { canTransition, decideApproval, initialState, isInFlight } from "./lifecycle";

describe("deployment lifecycle", () => {
  it("follows PENDING_APPROVAL → QUEUED → ROLLING_OUT → SUCCEEDED | FAILED", () => {
    expect(canTransition("PENDING_APPROVAL", "QUEUED")).toBe(true);
    expect(canTransition("QUEUED", "ROLLING_OUT")).toBe(true);
    expect(canTransition("ROLLING_OUT", "SUCCEEDED")).toBe(true);
    expect(canTransition("ROLLING_OUT", "FAILED")).toBe(true);
  });

  it("never skips approval, never leaves a finished state", () => {
    expect(canTransition("PENDING_APPROVAL", "ROLLING_OUT")).toBe(false);
    expect(canTransition("SUCCEEDED", "ROLLING_OUT")).toBe(false);
    expect(canTransition("FAILED", "QUEUED")).toBe(false);
    expect(canTransition("CANCELED", "QUEUED")).toBe(false);
  });

  it("starts protected environments in PENDING_APPROVAL", () => {
    expect(initialState(true)).toBe("PENDING_APPROVAL");
    expect(initialState(false)).toBe("QUEUED");
  });

  it("counts only unfinished deployments as in flight", () => {
    expect(["PENDING_APPROVAL", "QUEUED", "ROLLING_OUT"].every((s) => isInFlight(s as never))).toBe(true);
    expect(isInFlight("SUCCEEDED")).toBe(false);
  });

  it("refuses an approval by the requester or of a deployment not waiting", () => {
    expect(decideApproval({ state: "PENDING_APPROVAL", requestedById: "u1" }, "u1")).toEqual({
      allowed: false,
      reason: expect.stringContaining("other than its requester"),
    });
    expect(decideApproval({ state: "QUEUED", requestedById: "u1" }, "u2")).toMatchObject({ allowed: false });
    expect(decideApproval({ state: "PENDING_APPROVAL", requestedById: "u1" }, "u2")).toEqual({ allowed: true });
  });
});
