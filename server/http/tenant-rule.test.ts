import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { AppError } from "@/server/errors";
import { tenantFor, type RouteContext } from "./route";

const viewer = { id: "u1", email: "u1@example.test" } as Viewer;
const acme = { id: "t1", slug: "acme-health" } as Tenant;

function context(search = ""): RouteContext<{ slug: string }> {
  return {
    request: { nextUrl: new URL(`http://console.test/api/tenants/acme-health/dlq${search}`) } as NextRequest,
    params: { slug: "acme-health" },
    viewer,
    requestId: "r1",
  };
}

/** A resolver that records what it was asked. */
function recording() {
  const asked: Array<{ slug: string; permission: Permission | null }> = [];
  const resolve = async (_viewer: Viewer, slug: string, permission: Permission | null) => {
    asked.push({ slug, permission });
    return acme;
  };
  return { asked, resolve };
}

describe("tenantFor", () => {
  it("resolves the [slug] tenant with the rule's permission, or for visibility only", async () => {
    for (const rule of ["flow.read", null] as const) {
      const { asked, resolve } = recording();
      expect(await tenantFor(rule, context(), resolve)).toBe(acme);
      expect(asked).toEqual([{ slug: "acme-health", permission: rule }]);
    }
  });

  it("chooses the permission from the request when the rule says how", async () => {
    const rule = {
      permission: ({ request }: RouteContext<{ slug: string }>) =>
        (request.nextUrl.searchParams.get("kind") === "retry" ? "retry.read" : "dlq.read") as Permission,
    };
    const { asked, resolve } = recording();
    await tenantFor(rule, context("?kind=retry"), resolve);
    await tenantFor(rule, context(), resolve);
    expect(asked.map((a) => a.permission)).toEqual(["retry.read", "dlq.read"]);
  });

  it("runs the rule's first checks before the lookup, and a refusal there never looks the tenant up", async () => {
    const { asked, resolve } = recording();
    const refused = new AppError("FORBIDDEN", "needs tenant.approve");
    const rule = {
      permission: null,
      first: () => {
        throw refused;
      },
    };
    await expect(tenantFor(rule, context(), resolve)).rejects.toBe(refused);
    expect(asked).toEqual([]);
  });
});
