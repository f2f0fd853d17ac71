/**
 * The platform must always keep one enabled user with the global `admin` role, or nobody could
 * manage users again. Pure: the caller loads the current admins inside the transaction that
 * makes the change, so two concurrent demotions cannot both pass.
 */
export type AdminCandidate = { id: string; globalRoleName: string | null; disabled: boolean };

export type UserChange = { userId: string; globalRoleName?: string | null; disabled?: boolean };

export type LastAdminDecision = { allowed: true } | { allowed: false; reason: string };

export const ADMIN_ROLE = "admin";

export function isEnabledAdmin(user: AdminCandidate): boolean {
  return user.globalRoleName === ADMIN_ROLE && !user.disabled;
}

function applyChange(user: AdminCandidate, change: UserChange): AdminCandidate {
  if (user.id !== change.userId) return user;
  return {
    ...user,
    globalRoleName: change.globalRoleName === undefined ? user.globalRoleName : change.globalRoleName,
    disabled: change.disabled ?? user.disabled,
  };
}

/** May `change` be applied to `users` without leaving zero enabled global admins? */
export function decideLastAdmin(users: readonly AdminCandidate[], change: UserChange): LastAdminDecision {
  const before = users.filter(isEnabledAdmin).length;
  const after = users.map((u) => applyChange(u, change)).filter(isEnabledAdmin).length;
  if (after === 0 && before > 0) {
    return { allowed: false, reason: "This is the last enabled admin; make another user admin first" };
  }
  return { allowed: true };
}
