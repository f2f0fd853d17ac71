import type { Permission } from "./permissions";

/**
 * What a signed-in user may do, resolved from the database once per request. A global role applies
 * to every tenant; a membership grants its role's permissions in one tenant only.
 */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  globalRole: string | null;
  globalPermissions: ReadonlySet<Permission>;
  /** tenant id → role and the permissions it grants there */
  tenantAccess: ReadonlyMap<string, { role: string; permissions: ReadonlySet<Permission> }>;
  /** the environments whose deployments the viewer may change; absent or null: every one */
  environments?: ReadonlySet<string> | null;
};

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

/** May the viewer use `permission`, in `tenantId` when the action concerns one tenant? */
export function decideAccess(viewer: Viewer, permission: Permission, tenantId?: string): AccessDecision {
  if (viewer.globalPermissions.has(permission)) return { allowed: true };
  if (tenantId === undefined) {
    const anyTenant = [...viewer.tenantAccess.values()].some((a) => a.permissions.has(permission));
    return anyTenant ? { allowed: true } : { allowed: false, reason: `Your role does not include ${permission}` };
  }
  const access = viewer.tenantAccess.get(tenantId);
  if (!access) return { allowed: false, reason: "You are not a member of this tenant" };
  if (!access.permissions.has(permission)) {
    return { allowed: false, reason: `Your role here (${access.role}) does not include ${permission}` };
  }
  return { allowed: true };
}

/** Tenant ids the viewer can see with `permission`; `"all"` for global holders. */
export function tenantsWith(viewer: Viewer, permission: Permission): "all" | string[] {
  if (viewer.globalPermissions.has(permission)) return "all";
  return [...viewer.tenantAccess.entries()]
    .filter(([, access]) => access.permissions.has(permission))
    .map(([tenantId]) => tenantId);
}

/** The label shown next to the user's name: their global role, or their tenant roles. */
export function describeRoles(viewer: Viewer): string {
  if (viewer.globalRole) return viewer.globalRole;
  const roles = new Set([...viewer.tenantAccess.values()].map((a) => a.role));
  return roles.size ? [...roles].sort().join(", ") : "no access";
}

/**
 * For platform-wide actions (managing users): only a global role counts, because a tenant
 * membership that happens to include the permission must not reach users of other tenants.
 */
export function decideGlobalAccess(viewer: Viewer, permission: Permission): AccessDecision {
  if (viewer.globalPermissions.has(permission)) return { allowed: true };
  return { allowed: false, reason: `${permission} needs a global role that includes it` };
}

/**
 * May the viewer change deployments in `environmentId`? A user can be limited to some environments
 * (e.g. ops on staging only) whatever their roles grant; reading is not limited.
 */
export function decideEnvironment(viewer: Viewer, environmentId: string): AccessDecision {
  if (!viewer.environments || viewer.environments.has(environmentId)) return { allowed: true };
  return {
    allowed: false,
    reason: `You may change deployments only in ${[...viewer.environments].sort().join(", ")}, not in ${environmentId}`,
  };
}
