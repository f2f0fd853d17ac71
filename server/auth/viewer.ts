import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { decideAccess, type Viewer } from "./access";
import { authOptions } from "./options";
import { isPermission, type Permission } from "./permissions";

function toPermissions(rows: { permissionKey: string }[]): Set<Permission> {
  return new Set(rows.map((r) => r.permissionKey).filter(isPermission));
}

/** Loads the signed-in user's roles from the database, once per request; null when signed out or disabled. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await getPrisma().user.findUnique({
    where: { id: userId },
    include: {
      globalRole: { include: { permissions: true } },
      memberships: { include: { role: { include: { permissions: true } } } },
    },
  });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    globalRole: user.globalRoleName,
    globalPermissions: toPermissions(user.globalRole?.permissions ?? []),
    tenantAccess: new Map(
      user.memberships.map((m) => [m.tenantId, { role: m.roleName, permissions: toPermissions(m.role.permissions) }]),
    ),
  };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return viewer;
}

/** Throws FORBIDDEN with the reason unless the viewer holds `permission` (in `tenantId`). */
export function assertAllowed(viewer: Viewer, permission: Permission, tenantId?: string): void {
  const decision = decideAccess(viewer, permission, tenantId);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}

export async function requirePermission(permission: Permission, tenantId?: string): Promise<Viewer> {
  const viewer = await requireViewer();
  assertAllowed(viewer, permission, tenantId);
  return viewer;
}
