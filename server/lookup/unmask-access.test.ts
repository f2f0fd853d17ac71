import { describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS, type Permission, type RoleName } from "@/server/auth/permissions";
import { canSeeUnmasked } from "./unmask-access";

const grants = (role: RoleName) => new Set<Permission>(DEFAULT_GRANTS[role]);
const base = {
  id: "u",
  email: "u@x.test",
  name: "U",
  globalRole: null,
  globalPermissions: new Set<Permission>(),
  tenantAccess: new Map(),
};

describe("canSeeUnmasked", () => {
  it("is true for a product member in their own tenant only", () => {
    const product: Viewer = {
      ...base,
      tenantAccess: new Map([["acme", { role: "product", permissions: grants("product") }]]),
    };
    expect(canSeeUnmasked(product, "acme")).toBe(true);
    expect(canSeeUnmasked(product, "globex")).toBe(false);
  });

  it("is false for global ops and viewers, true for a global admin", () => {
    expect(canSeeUnmasked({ ...base, globalRole: "ops", globalPermissions: grants("ops") }, "acme")).toBe(false);
    expect(
      canSeeUnmasked(
        { ...base, tenantAccess: new Map([["acme", { role: "viewer", permissions: grants("viewer") }]]) },
        "acme",
      ),
    ).toBe(false);
    expect(canSeeUnmasked({ ...base, globalRole: "admin", globalPermissions: grants("admin") }, "acme")).toBe(true);
  });
});
