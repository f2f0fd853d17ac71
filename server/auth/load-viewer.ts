import "server-only";
import { getPrisma } from "@/server/db/client";
import type { Viewer } from "./access";
import { isPermission, type Permission } from "./permissions";

function toPermissions(rows: { permissionKey: string }[]): Set<Permission> {
  return new Set(rows.map((r) => r.permissionKey).filter(isPermission));
}

/** A user's roles and memberships as a Viewer, by id or email; null when missing or disabled. */
export async function loadViewer(where: { id: string } | { email: string }): Promise<Viewer | null> {
  const user = await getPrisma().user.findUnique({
    where,
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
    environments: user.environmentScope.length ? new Set(user.environmentScope) : null,
  };
}
