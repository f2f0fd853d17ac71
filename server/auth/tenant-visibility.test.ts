import { describe, expect, it } from "vitest";
import type { Viewer } from "./access";
import { DEFAULT_GRANTS, type Permission } from "./permissions";
import { decideTenantAccess } from "./tenant-visibility";

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

const acme = { id: "t-acme", requestedById: "someone-else" };
const globex = { id: "t-globex", requestedById: "someone-else" };
const productInAcme = viewer({
  tenantAccess: new Map([["t-acme", { role: "product", permissions: grants("product") }]]),
});

describe("decideTenantAccess", () => {
  it("answers not-found for a tenant that does not exist", () => {
    expect(decideTenantAccess(productInAcme, null, "flow.read")).toEqual({ outcome: "not-found" });
  });

  it("answers a tenant the viewer does not see exactly like a missing one, whatever the permission", () => {
    expect(decideTenantAccess(productInAcme, globex, "flow.read")).toEqual({ outcome: "not-found" });
    expect(decideTenantAccess(productInAcme, globex, "connector.manage")).toEqual({ outcome: "not-found" });
    expect(decideTenantAccess(productInAcme, globex, null)).toEqual({ outcome: "not-found" });
  });

  it("forbids with the reason when the viewer sees the tenant but lacks the permission there", () => {
    expect(decideTenantAccess(productInAcme, acme, "connector.manage")).toEqual({
      outcome: "forbidden",
      reason: "Your role here (product) does not include connector.manage",
    });
  });

  it("allows a viewer who sees the tenant and holds the permission there", () => {
    expect(decideTenantAccess(productInAcme, acme, "flow.read")).toEqual({ outcome: "allowed" });
    expect(decideTenantAccess(productInAcme, acme, null)).toEqual({ outcome: "allowed" });
  });

  it("lets a global role see every tenant and still checks its permission", () => {
    const globalViewer = viewer({ globalRole: "viewer", globalPermissions: grants("viewer") });
    expect(decideTenantAccess(globalViewer, globex, "flow.read")).toEqual({ outcome: "allowed" });
    expect(decideTenantAccess(globalViewer, globex, "dlq.read")).toEqual({
      outcome: "forbidden",
      reason: "You are not a member of this tenant",
    });
  });

  it("lets the requester of a tenant see it before any membership exists", () => {
    const requester = viewer({ id: "asker" });
    expect(decideTenantAccess(requester, { id: "t-new", requestedById: "asker" }, null)).toEqual({
      outcome: "allowed",
    });
    expect(decideTenantAccess(requester, { id: "t-new", requestedById: "asker" }, "tenant.manage").outcome).toBe(
      "forbidden",
    );
  });
});
