import { describe, expect, it } from "vitest";
import type { UserSummary } from "@/server/admin/user-summary";
import { rowGuards } from "./user-guards";

function user(id: string, globalRole: string | null, disabled = false): UserSummary {
  return {
    id,
    email: `${id}@x.test`,
    name: id,
    globalRole,
    memberships: [],
    environments: [],
    disabled,
    signsInWith: "password",
    createdAt: "2026-01-01T00:00:00.000Z",
    lastLoginAt: null,
  };
}

describe("rowGuards", () => {
  it("locks disabling and demoting the only enabled admin, with the reason", () => {
    const guards = rowGuards(["a"], user("a", "admin"));
    expect(guards.disableReason).toMatch(/last enabled admin/);
    expect(guards.globalRoleReason).toMatch(/last enabled admin/);
  });

  it("leaves actions open when another admin is enabled, even one on another page", () => {
    expect(rowGuards(["a", "b"], user("a", "admin"))).toEqual({ disableReason: null, globalRoleReason: null });
  });

  it("never locks a user who is not an enabled admin", () => {
    expect(rowGuards(["a"], user("b", "ops"))).toEqual({ disableReason: null, globalRoleReason: null });
    expect(rowGuards(["a"], user("c", "admin", true))).toEqual({ disableReason: null, globalRoleReason: null });
  });
});
