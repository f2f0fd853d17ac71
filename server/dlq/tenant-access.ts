import "server-only";
import type { Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type DlqTenant = { id: string; slug: string };

/** The tenant of a DLQ request, after checking the viewer holds `permission` in it. */
export async function dlqTenant(viewer: Viewer, slug: string, permission: Permission): Promise<DlqTenant> {
  const tenant = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/.test(slug)
    ? await getPrisma().tenant.findUnique({ where: { slug }, select: { id: true, slug: true } })
    : null;
  // A tenant outside the viewer's memberships answers like one that does not exist.
  if (!tenant || (viewer.globalPermissions.size === 0 && !viewer.tenantAccess.has(tenant.id))) {
    throw new AppError("NOT_FOUND", `No tenant ${slug}`);
  }
  assertAllowed(viewer, permission, tenant.id);
  return tenant;
}
