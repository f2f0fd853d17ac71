import type { Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import { resolveTenant, type Tenant } from "@/server/auth/resolve-tenant";

/**
 * The tenant as a route declared with `apiRoute({ tenant: { permission, first } }, …)` hands it to its
 * handler: the checks made before the lookup, then the lookup with the route's permission. Tests of
 * the server functions call them the way their routes do.
 */
export async function routeTenant(
  viewer: Viewer,
  slug: string,
  permission: Permission | null,
  first?: (viewer: Viewer) => void,
): Promise<Tenant> {
  first?.(viewer);
  return resolveTenant(viewer, slug, permission);
}
