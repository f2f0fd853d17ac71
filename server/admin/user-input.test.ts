import { describe, expect, it } from "vitest";
import { createUserInput, updateUserInput } from "./user-input";

const tenantId = "6b1f5a1e-0c1d-4b8e-9f3a-2d4c5e6f7a8b";

describe("createUserInput", () => {
  it("normalises the email and defaults role and memberships", () => {
    const parsed = createUserInput.parse({ email: "  New.User@Example.COM ", name: "New User" });
    expect(parsed).toEqual({ email: "new.user@example.com", name: "New User", globalRole: null, memberships: [] });
  });

  it("rejects unknown fields, unknown roles and short passwords", () => {
    expect(createUserInput.safeParse({ email: "a@b.co", name: "A", isAdmin: true }).success).toBe(false);
    expect(createUserInput.safeParse({ email: "a@b.co", name: "A", globalRole: "root" }).success).toBe(false);
    expect(createUserInput.safeParse({ email: "a@b.co", name: "A", password: "short" }).success).toBe(false);
  });

  it("rejects a tenant listed twice", () => {
    const twice = [
      { tenantId, role: "viewer" },
      { tenantId, role: "ops" },
    ];
    expect(createUserInput.safeParse({ email: "a@b.co", name: "A", memberships: twice }).success).toBe(false);
  });
});

describe("updateUserInput", () => {
  it("accepts a role removal and a disable", () => {
    expect(updateUserInput.parse({ globalRole: null, disabled: true })).toEqual({ globalRole: null, disabled: true });
  });

  it("accepts a new password of at least 12 characters", () => {
    expect(updateUserInput.parse({ password: "a-long-enough-password" })).toEqual({
      password: "a-long-enough-password",
    });
    expect(updateUserInput.safeParse({ password: "short" }).success).toBe(false);
  });

  it("rejects an empty change and wrong types", () => {
    expect(updateUserInput.safeParse({}).success).toBe(false);
    expect(updateUserInput.safeParse({ disabled: "yes" }).success).toBe(false);
  });
});
