import "server-only";
import type { Viewer } from "@/server/auth/access";
import { hashPassword } from "@/server/auth/credentials";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { generatePassword } from "./generate-password";
import { assertCanManageUsers } from "./guard";
import { createUserInput } from "./user-input";
import { auditShape, toUserSummary, USER_INCLUDE, type UserSummary } from "./user-summary";
import { assertTenantsExist, lockUserAdministration } from "./user-tx";

export type CreatedUser = { user: UserSummary; generatedPassword: string | null };

/** Creates a user with a global role and/or tenant memberships; audited in the same transaction. */
export async function createUser(viewer: Viewer, context: RequestContext, body: unknown): Promise<CreatedUser> {
  assertCanManageUsers(viewer);
  const input = createUserInput.parse(body);
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const user = await getPrisma().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    await assertTenantsExist(
      tx,
      input.memberships.map((m) => m.tenantId),
    );
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", `a user with email ${input.email} already exists`);
    }
    const created = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        globalRoleName: input.globalRole,
        memberships: { create: input.memberships.map((m) => ({ tenantId: m.tenantId, roleName: m.role })) },
      },
      include: USER_INCLUDE,
    });
    const summary = toUserSummary(created);
    await recordAudit(
      viewer,
      context,
      { action: "user.create", target: `user:${summary.email}`, after: auditShape(summary) },
      tx,
    );
    return summary;
  });
  return { user, generatedPassword };
}
