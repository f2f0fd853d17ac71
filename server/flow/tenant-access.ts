import "server-only";
import { decideAccess, type Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";

/**
 * The tenant behind a slug, if the viewer may read its flow. A tenant the viewer may not see
 * answers exactly like one that does not exist, so slugs of other tenants do not leak; a visible
 * tenant without the wanted permission (e.g. connector.manage) is a 403 with the reason.
 */
export async function tenantFor(viewer: Viewer, slug: string, permission: Permission = "flow.read") {
  const tenant = await getPrisma().tenant.findUnique({ where: { slug } });
  if (!tenant || !decideAccess(viewer, "flow.read", tenant.id).allowed) throw new AppError("NOT_FOUND", `No tenant ${slug}`);
  const decision = decideAccess(viewer, permission, tenant.id);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
  return tenant;
}
