/**
 * Who acts when the `syncdeck` command changes something: the operator on this host (the OS user),
 * recorded as such in the audit log. The command runs with the database's credentials, so whoever
 * may run it already holds every permission; the audit says it was done from the command line.
 */
import "server-only";
import os from "node:os";
import type { Prisma } from "@/server/db/generated/client";

export const OPERATOR_ROLE = "operator (syncdeck command)";

export function operatorIdentity(): { email: string; address: string } {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry for the uid (some containers): keep "unknown"
  }
  return { email: `${user}@${os.hostname()}`.slice(0, 320), address: `cli:${os.hostname()}`.slice(0, 64) };
}

type AuditDb = Pick<Prisma.TransactionClient, "auditEvent">;

/** One audit record for a change made by the command, in the caller's transaction. */
export async function auditOperatorChange(
  db: AuditDb,
  entry: { action: string; target: string; before?: object; after?: object },
): Promise<void> {
  const operator = operatorIdentity();
  await db.auditEvent.create({
    data: {
      actorId: null,
      actorEmail: operator.email,
      actorRole: OPERATOR_ROLE.slice(0, 40),
      action: entry.action,
      target: entry.target.slice(0, 300),
      before: entry.before,
      after: entry.after,
      requestId: `cli-${process.pid}-${Date.now().toString(36)}`,
      sourceAddress: operator.address,
    },
  });
}
