import { describe, expect, it } from "vitest";
import { decideAccess, decideEnvironment, decideGlobalAccess, describeRoles, tenantsWith, type Viewer } from "./access";
import { DEFAULT_GRANTS, isPermission, PERMISSIONS, ROLES, type Permission } from "./permissions";

const grants = (role: keyof typeof DEFAULT_GRANTS) => new Set<Permission>(DEFAULT_GRANTS[role]);

function viewer(overrides: Partial<Viewer> = {}): Viewer {
  return {
    id: "u1",
    email: "u1@example.test",
    name: "U One",
    globalRole: null,
    globalPermissions: new Set(),
    tenantAccess: new Map(),
    ...overrides,
  };
}

describe("decideAccess", () => {
  it("lets a global admin do everything in every tenant", () => {
    const admin = viewer({ globalRole: "admin", globalPermissions: grants("admin") });
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(decideAccess(admin, permission, "any-tenant")).toEqual({ allowed: true });
    }
  });

  it("scopes a member to their tenant", () => {
    const product = viewer({ tenantAccess: new Map([["t1", { role: "product", permissions: grants("product") }]]) });
    expect(decideAccess(product, "entity.read", "t1")).toEqual({ allowed: true });
    expect(decideAccess(product, "entity.read", "t2")).toEqual({
      allowed: false,
      reason: "You are not a member of this tenant",
    });
  });

  it("says which permission the role lacks", () => {
    const view = viewer({ tenantAccess: new Map([["t1", { role: "viewer", permissions: grants("viewer") }]]) });
    expect(decideAccess(view, "dlq.replay", "t1")).toEqual({
      allowed: false,
      reason: "Your role here (viewer) does not include dlq.replay",
    });
  });

  it("allows a tenant-less check when any membership grants it", () => {
    const ops = viewer({ tenantAccess: new Map([["t1", { role: "ops", permissions: grants("ops") }]]) });
    expect(decideAccess(ops, "dlq.replay").allowed).toBe(true);
    expect(decideAccess(ops, "user.manage").allowed).toBe(false);
  });
});

describe("decideGlobalAccess", () => {
  it("ignores a tenant membership that grants the permission", () => {
    const tenantAdmin = viewer({ tenantAccess: new Map([["t1", { role: "admin", permissions: grants("admin") }]]) });
    expect(decideGlobalAccess(tenantAdmin, "user.manage")).toEqual({
      allowed: false,
      reason: "user.manage needs a global role that includes it",
    });
    const admin = viewer({ globalRole: "admin", globalPermissions: grants("admin") });
    expect(decideGlobalAccess(admin, "user.manage")).toEqual({ allowed: true });
  });
});

describe("tenantsWith", () => {
  it("lists only the tenants whose role grants the permission", () => {
    const mixed = viewer({
      tenantAccess: new Map([
        ["t1", { role: "ops", permissions: grants("ops") }],
        ["t2", { role: "viewer", permissions: grants("viewer") }],
      ]),
    });
    expect(tenantsWith(mixed, "dlq.replay")).toEqual(["t1"]);
    expect(tenantsWith(mixed, "lag.read")).toEqual(["t1", "t2"]);
    expect(tenantsWith(viewer({ globalPermissions: grants("viewer") }), "lag.read")).toBe("all");
  });
});

describe("role defaults", () => {
  it("grant only known permissions and keep unmasked data away from viewers", () => {
    for (const role of ROLES) for (const p of DEFAULT_GRANTS[role]) expect(isPermission(p)).toBe(true);
    expect(DEFAULT_GRANTS.viewer).not.toContain("entity.read_unmasked");
    expect(DEFAULT_GRANTS.ops).not.toContain("deploy.approve");
    expect(DEFAULT_GRANTS.product).not.toContain("dlq.replay");
  });

  it("describes a user's roles", () => {
    expect(describeRoles(viewer({ globalRole: "admin" }))).toBe("admin");
    expect(describeRoles(viewer())).toBe("no access");
  });
});

describe("decideEnvironment", () => {
  it("lets an unlimited viewer change any environment, and a limited one only theirs, saying why", () => {
    expect(decideEnvironment(viewer({ globalRole: "ops" }), "production")).toEqual({ allowed: true });
    const stagingOnly = viewer({ globalRole: "ops", environments: new Set(["staging", "dev"]) });
    expect(decideEnvironment(stagingOnly, "staging")).toEqual({ allowed: true });
    expect(decideEnvironment(stagingOnly, "production")).toEqual({
      allowed: false,
      reason: "You may change deployments only in dev, staging, not in production",
    });
  });
});
