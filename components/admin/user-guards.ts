import { decideLastAdmin } from "@/server/users/last-admin";
import type { UserSummary } from "@/server/users/user-summary";

/** Why a row action is unavailable (null = available); the server enforces the same rule. */
export function rowGuards(users: readonly UserSummary[], user: UserSummary) {
  const candidates = users.map((u) => ({ id: u.id, globalRoleName: u.globalRole, disabled: u.disabled }));
  const disable = decideLastAdmin(candidates, { userId: user.id, disabled: true });
  const demote = decideLastAdmin(candidates, { userId: user.id, globalRoleName: null });
  return {
    disableReason: user.disabled || disable.allowed ? null : disable.reason,
    globalRoleReason: demote.allowed ? null : demote.reason,
  };
}
