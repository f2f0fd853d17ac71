import "server-only";
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Viewer } from "./access";
import type { Permission } from "./permissions";
import { decideTenantAccess } from "./tenant-visibility";

/** A tenant row as resolveTenant hands it over, checked for the viewer who asked. */
export type Tenant = NonNullable<Awaited<ReturnType<ReturnType<typeof getPrisma>["tenant"]["findUnique"]>>>;

/** BAD_REQUEST with what is wrong unless `slug` has the shape of a tenant slug. */
export function parseTenantSlug(slug: string): string {
  try {
    return assertTenantSlug(slug);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `tenant: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The one way from a slug to a tenant: BAD_REQUEST for a malformed slug, NOT_FOUND for a tenant that
 * is missing or that the viewer does not see (the two are indistinguishable), FORBIDDEN with the
 * reason when the viewer sees it but lacks `permission` there. `null` checks visibility only.
 */
export async function resolveTenant(viewer: Viewer, slug: string, permission: Permission | null): Promise<Tenant> {
  const tenant = await getPrisma().tenant.findUnique({ where: { slug: parseTenantSlug(slug) } });
  const decision = decideTenantAccess(viewer, tenant, permission);
  if (decision.outcome === "not-found" || !tenant) throw new AppError("NOT_FOUND", `No tenant ${slug}`);
  if (decision.outcome === "forbidden") throw new AppError("FORBIDDEN", decision.reason);
  return tenant;
}
