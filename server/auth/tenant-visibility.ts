import { decideAccess, type Viewer } from "./access";
import type { Permission } from "./permissions";

/** The parts of a tenant row that decide who may see it. */
export type TenantForAccess = { id: string; requestedById?: string | null };

export type TenantAccessDecision =
  { outcome: "not-found" } | { outcome: "forbidden"; reason: string } | { outcome: "allowed" };

/**
 * Whether the viewer sees a tenant at all: a global role, a membership in it, or having asked for it.
 * A tenant they do not see must answer exactly like one that does not exist, so its slug never leaks.
 */
export function seesTenant(viewer: Viewer, tenant: TenantForAccess): boolean {
  return (
    viewer.globalPermissions.size > 0 ||
    viewer.tenantAccess.has(tenant.id) ||
    (tenant.requestedById != null && tenant.requestedById === viewer.id)
  );
}

/**
 * slug lookup result → what the request gets: a missing or unseen tenant is not found; a seen
 * tenant without `permission` is forbidden with the reason; `null` asks only whether it is seen.
 */
export function decideTenantAccess(
  viewer: Viewer,
  tenant: TenantForAccess | null,
  permission: Permission | null,
): TenantAccessDecision {
  if (!tenant || !seesTenant(viewer, tenant)) return { outcome: "not-found" };
  if (permission === null) return { outcome: "allowed" };
  const decision = decideAccess(viewer, permission, tenant.id);
  return decision.allowed ? { outcome: "allowed" } : { outcome: "forbidden", reason: decision.reason };
}
