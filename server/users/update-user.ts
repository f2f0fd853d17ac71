import "server-only";
import type { Viewer } from "@/server/auth/access";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { forgetViewer } from "@/server/auth/viewer";
import { assertCanManageUsers } from "./guard";
import { updateUserInput, userIdParam } from "./user-input";
import { auditShape, toUserSummary, USER_INCLUDE, type UserSummary } from "./user-summary";
import { assertKeepsAnAdmin, assertTenantsExist, lockUserAdministration } from "./user-tx";

function describeAction(body: { disabled?: boolean; globalRole?: unknown; memberships?: unknown; name?: unknown }): string {
  if (body.disabled === true) return "user.disable";
  if (body.disabled === false) return "user.enable";
  if (body.globalRole !== undefined || body.memberships !== undefined) return "user.set_roles";
  return "user.update";
}

/**
 * Changes a user's name, global role, memberships (replaced as a whole) and/or disabled flag.
 * Refuses (409) a change that would leave no enabled global admin; audited with before/after.
 */
export async function updateUser(viewer: Viewer, context: RequestContext, userId: unknown, body: unknown): Promise<UserSummary> {
  assertCanManageUsers(viewer);
  const id = userIdParam.parse(userId);
  const input = updateUserInput.parse(body);
  const result = await getPrisma().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const existing = await tx.user.findUnique({ where: { id }, include: USER_INCLUDE });
    if (!existing) throw new AppError("NOT_FOUND", "no such user");
    await assertKeepsAnAdmin(tx, { userId: id, globalRoleName: input.globalRole, disabled: input.disabled });
    if (input.memberships) await assertTenantsExist(tx, input.memberships.map((m) => m.tenantId));
    const updated = await tx.user.update({
      where: { id },
      data: {
        name: input.name,
        globalRoleName: input.globalRole,
        disabled: input.disabled,
        memberships: input.memberships && {
          deleteMany: {},
          create: input.memberships.map((m) => ({ tenantId: m.tenantId, roleName: m.role })),
        },
      },
      include: USER_INCLUDE,
    });
    const before = toUserSummary(existing);
    const after = toUserSummary(updated);
    await recordAudit(
      viewer,
      context,
      { action: describeAction(input), target: `user:${after.email}`, before: auditShape(before), after: auditShape(after) },
      tx,
    );
    return after;
  });
  // Roles and the disabled flag are cached per user for a few seconds; drop the stale entry now.
  forgetViewer(id);
  return result;
}
