import { describe, expect, it } from "vitest";
import type { UserSummary } from "@/server/users/user-summary";
import { rowGuards } from "./user-guards";

function user(id: string, globalRole: string | null, disabled = false): UserSummary {
  return {
    id, email: `${id}@x.test`, name: id, globalRole, memberships: [], disabled,
    signsInWith: "password", createdAt: "2026-01-01T00:00:00.000Z", lastLoginAt: null,
  };
}

describe("rowGuards", () => {
  it("locks disabling and demoting the only enabled admin, with the reason", () => {
    const users = [user("a", "admin"), user("b", "ops")];
    const guards = rowGuards(users, users[0]!);
    expect(guards.disableReason).toMatch(/last enabled admin/);
    expect(guards.globalRoleReason).toMatch(/last enabled admin/);
  });

  it("leaves actions open when another admin is enabled", () => {
    const users = [user("a", "admin"), user("b", "admin")];
    expect(rowGuards(users, users[0]!)).toEqual({ disableReason: null, globalRoleReason: null });
  });
});
