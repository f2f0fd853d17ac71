/**
 * The one slug → tenant resolver against real Postgres with the demo tenants: a missing tenant and
 * one the viewer does not see fail alike (NOT_FOUND, same message shape), a seen tenant without the
 * permission is FORBIDDEN with the reason, and a malformed slug is BAD_REQUEST before any lookup.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/server/db/client";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import type { Viewer } from "./access";
import { DEFAULT_GRANTS, type Permission } from "./permissions";
import { resolveTenant } from "./resolve-tenant";

withThrowawayDatabase("it_resolve_tenant", { demo: true });

let viewerInAcme: Viewer;

beforeAll(async () => {
  const acme = await getPrisma().tenant.findUniqueOrThrow({ where: { slug: "acme-health" } });
  viewerInAcme = {
    id: randomUUID(),
    email: "it-viewer@example.test",
    name: "IT Viewer",
    globalRole: null,
    globalPermissions: new Set(),
    tenantAccess: new Map([[acme.id, { role: "viewer", permissions: new Set<Permission>(DEFAULT_GRANTS.viewer) }]]),
  };
});

describe("resolveTenant", () => {
  it("answers NOT_FOUND for a tenant that does not exist", async () => {
    await expect(resolveTenant(viewerInAcme, "no-such-tenant", "lag.read")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No tenant no-such-tenant",
    });
  });

  it("answers a tenant the viewer does not see exactly like a missing one, even for a permission they lack", async () => {
    await expect(resolveTenant(viewerInAcme, "globex-care", "lag.read")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No tenant globex-care",
    });
    await expect(resolveTenant(viewerInAcme, "globex-care", "dlq.replay")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveTenant(viewerInAcme, "globex-care", null)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers FORBIDDEN with the reason for a seen tenant without the permission", async () => {
    await expect(resolveTenant(viewerInAcme, "acme-health", "dlq.read")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Your role here (viewer) does not include dlq.read",
    });
  });

  it("returns the tenant row for a seen tenant with the permission", async () => {
    const tenant = await resolveTenant(viewerInAcme, "acme-health", "lag.read");
    expect(tenant).toMatchObject({ slug: "acme-health", id: viewerInAcme.tenantAccess.keys().next().value });
  });

  it("answers BAD_REQUEST for a malformed slug, saying what a slug is", async () => {
    for (const slug of ["Acme", "a", "acme_health", "acme-", `a${"b".repeat(40)}`, "acme%00"]) {
      await expect(resolveTenant(viewerInAcme, slug, "lag.read")).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("lowercase letters, digits or dashes") as string,
      });
    }
  });
});
