import "server-only";
import type { Viewer } from "@/server/auth/access";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashPassword } from "@/server/auth/credentials";
import { sessionEndForChange } from "@/server/auth/session-policy";
import { endUserSessions, forgetSessions } from "@/server/auth/user-sessions";
import { forgetViewer } from "@/server/auth/viewer";
import { assertCanManageUsers } from "./guard";
import { updateUserInput, userIdParam } from "./user-input";
import { auditShape, toUserSummary, USER_INCLUDE, type UserSummary } from "./user-summary";
import { assertEnvironmentsExist, assertKeepsAnAdmin, assertTenantsExist, lockUserAdministration } from "./user-tx";

function describeAction(body: {
  disabled?: boolean;
  globalRole?: unknown;
  memberships?: unknown;
  environments?: unknown;
  name?: unknown;
  password?: unknown;
}): string {
  if (body.disabled === true) return "user.disable";
  if (body.disabled === false) return "user.enable";
  if (body.password !== undefined) return "user.set_password";
  if (body.globalRole !== undefined || body.memberships !== undefined || body.environments !== undefined)
    return "user.set_roles";
  return "user.update";
}

/**
 * Changes a user's name, global role, memberships (replaced as a whole), the environments they may
 * change deployments in, disabled flag and/or password. Refuses (409) a change that would leave no enabled global admin; audited with
 * before/after. Disabling, a new password and taking a role away end the user's open sessions in
 * the same transaction.
 */
export async function updateUser(
  viewer: Viewer,
  context: RequestContext,
  userId: unknown,
  body: unknown,
): Promise<UserSummary> {
  assertCanManageUsers(viewer);
  const id = userIdParam.parse(userId);
  const input = updateUserInput.parse(body);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const { after: result, endedSessions } = await getPrisma().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const existing = await tx.user.findUnique({ where: { id }, include: USER_INCLUDE });
    if (!existing) throw new AppError("NOT_FOUND", "no such user");
    await assertKeepsAnAdmin(tx, { userId: id, globalRoleName: input.globalRole, disabled: input.disabled });
    if (input.environments?.length) await assertEnvironmentsExist(tx, input.environments);
    if (input.memberships)
      await assertTenantsExist(
        tx,
        input.memberships.map((m) => m.tenantId),
      );
    const updated = await tx.user.update({
      where: { id },
      data: {
        name: input.name,
        globalRoleName: input.globalRole,
        disabled: input.disabled,
        environmentScope: input.environments && [...new Set(input.environments)].sort(),
        passwordHash,
        memberships: input.memberships && {
          deleteMany: {},
          create: input.memberships.map((m) => ({ tenantId: m.tenantId, roleName: m.role })),
        },
      },
      include: USER_INCLUDE,
    });
    const before = toUserSummary(existing);
    const after = toUserSummary(updated);
    const endReason = sessionEndForChange(before, after, passwordHash !== undefined);
    const ended = endReason ? await endUserSessions(tx, id, endReason) : [];
    await recordAudit(
      viewer,
      context,
      {
        action: describeAction(input),
        target: `user:${after.email}`,
        before: auditShape(before),
        after: { ...auditShape(after), ...(endReason && { sessionsEnded: ended.length, sessionEndReason: endReason }) },
      },
      tx,
    );
    return { after, endedSessions: ended };
  });
  // Roles and the disabled flag are cached per user, and session checks per session, for a few
  // seconds; drop the stale entries now that the change is committed.
  forgetViewer(id);
  forgetSessions(endedSessions);
  return result;
}
