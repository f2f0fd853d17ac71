import { ADMIN_ROLE, decideLastAdmin, type AdminCandidate } from "@/server/admin/last-admin";
import type { UserSummary } from "@/server/admin/user-summary";

/**
 * Why a row action is unavailable (null = available); the server enforces the same rule. Takes the
 * ids of every enabled global admin, not the page's users: the other admins may be on other pages.
 */
export function rowGuards(enabledAdminIds: readonly string[], user: UserSummary) {
  const candidates: AdminCandidate[] = enabledAdminIds.map((id) => ({
    id,
    globalRoleName: ADMIN_ROLE,
    disabled: false,
  }));
  if (!enabledAdminIds.includes(user.id))
    candidates.push({ id: user.id, globalRoleName: user.globalRole, disabled: user.disabled });
  const disable = decideLastAdmin(candidates, { userId: user.id, disabled: true });
  const demote = decideLastAdmin(candidates, { userId: user.id, globalRoleName: null });
  return {
    disableReason: user.disabled || disable.allowed ? null : disable.reason,
    globalRoleReason: demote.allowed ? null : demote.reason,
  };
}
