import { describe, expect, it } from "vitest";
import { decideLastAdmin, type AdminCandidate } from "./last-admin";

const admin = (id: string, disabled = false): AdminCandidate => ({ id, globalRoleName: "admin", disabled });
const ops = (id: string): AdminCandidate => ({ id, globalRoleName: "ops", disabled: false });

describe("decideLastAdmin", () => {
  it("refuses to demote the only enabled admin", () => {
    const decision = decideLastAdmin([admin("a"), ops("b")], { userId: "a", globalRoleName: "ops" });
    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining("last enabled admin") });
  });

  it("refuses to remove the global role of the only admin", () => {
    expect(decideLastAdmin([admin("a")], { userId: "a", globalRoleName: null }).allowed).toBe(false);
  });

  it("refuses to disable the only enabled admin even when a disabled admin exists", () => {
    expect(decideLastAdmin([admin("a"), admin("b", true)], { userId: "a", disabled: true }).allowed).toBe(false);
  });

  it("allows demoting one admin while another stays enabled", () => {
    expect(decideLastAdmin([admin("a"), admin("b")], { userId: "a", globalRoleName: "viewer" }).allowed).toBe(true);
  });

  it("allows changes that keep the admin an admin", () => {
    expect(decideLastAdmin([admin("a")], { userId: "a", globalRoleName: "admin", disabled: false }).allowed).toBe(true);
  });

  it("allows changing other users freely", () => {
    expect(decideLastAdmin([admin("a"), ops("b")], { userId: "b", disabled: true }).allowed).toBe(true);
  });

  it("allows re-enabling a disabled admin", () => {
    expect(decideLastAdmin([admin("a", true)], { userId: "a", disabled: false }).allowed).toBe(true);
  });
});
