import "server-only";
import { decideAccess, type Viewer } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import { LIVE_STATUSES } from "@/server/tenants/lifecycle";

/**
 * The live tenants the viewer may add alert rules to: alert.manage and lag.read in the tenant (a rule
 * watches lag the viewer must be able to read). Slugs, sorted.
 */
export async function listManageableAlertTenants(viewer: Viewer): Promise<string[]> {
  assertAllowed(viewer, "lag.read");
  const tenants = await getPrisma().tenant.findMany({
    where: { status: { in: [...LIVE_STATUSES] } },
    select: { id: true, slug: true },
    orderBy: { slug: "asc" },
  });
  return tenants
    .filter((t) => decideAccess(viewer, "alert.manage", t.id).allowed && decideAccess(viewer, "lag.read", t.id).allowed)
    .map((t) => t.slug);
}
