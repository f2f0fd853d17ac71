import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { decideLastAdmin, ADMIN_ROLE, type UserChange } from "./last-admin";

export type Tx = Prisma.TransactionClient;

/**
 * Serialises user-administration transactions: the last-admin rule reads the set of admins and
 * then changes it, so two concurrent demotions must not both see "another admin remains".
 */
export async function lockUserAdministration(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('syncdeck.user-administration'))`;
}

export async function assertTenantsExist(tx: Tx, tenantIds: readonly string[]): Promise<void> {
  if (tenantIds.length === 0) return;
  const found = await tx.tenant.findMany({ where: { id: { in: [...tenantIds] } }, select: { id: true } });
  const known = new Set(found.map((t) => t.id));
  const missing = tenantIds.filter((id) => !known.has(id));
  if (missing.length) throw new AppError("BAD_REQUEST", `unknown tenant: ${missing.join(", ")}`);
}

export async function assertEnvironmentsExist(tx: Tx, ids: readonly string[]): Promise<void> {
  const found = await tx.environment.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  const known = new Set(found.map((e) => e.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw new AppError("BAD_REQUEST", `environments: unknown environment ${missing.join(", ")}`);
}

export async function assertKeepsAnAdmin(tx: Tx, change: UserChange): Promise<void> {
  const admins = await tx.user.findMany({
    where: { OR: [{ globalRoleName: ADMIN_ROLE }, { id: change.userId }] },
    select: { id: true, globalRoleName: true, disabled: true },
  });
  const decision = decideLastAdmin(admins, change);
  if (!decision.allowed) throw new AppError("CONFLICT", decision.reason);
}
