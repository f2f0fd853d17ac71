/**
 * One change of a deployment target at a time: whoever appends a revision (the deployment API, a
 * tenant job) takes this transaction-scoped advisory lock first, then checks what is in flight.
 */
import "server-only";
import type { Prisma } from "../db/generated/client";

export type DeploymentTarget = { environmentId: string; tenant: string; stage: string };

export const targetLabel = (t: DeploymentTarget) => `${t.environmentId}/${t.tenant}/${t.stage}`;

export async function lockTarget(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  target: DeploymentTarget,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`deployment:${targetLabel(target)}`}))`;
}
