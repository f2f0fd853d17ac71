import "server-only";
import type { Viewer } from "@/server/auth/access";
import { describeRoles } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";
import { summarizeForAudit } from "./audit-summary";

/** Who asked, from where: set by the route wrapper or the server action that handles the request. */
export type RequestContext = { requestId: string; sourceAddress: string };

export type AuditEntry = {
  action: string;
  target: string;
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
};

type AuditWriter = Pick<ReturnType<typeof getPrisma>, "auditEvent">;

/**
 * Appends one audit event. Pass the transaction client when the change itself runs in a
 * transaction, so the change and its audit record commit together or not at all.
 */
export async function recordAudit(
  viewer: Viewer,
  context: RequestContext,
  entry: AuditEntry,
  db: AuditWriter = getPrisma(),
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: viewer.id,
      actorEmail: viewer.email,
      actorRole: describeRoles(viewer).slice(0, 40),
      tenantId: entry.tenantId ?? null,
      action: entry.action,
      target: entry.target.slice(0, 300),
      before: entry.before === undefined ? undefined : (summarizeForAudit(entry.before) as object),
      after: entry.after === undefined ? undefined : (summarizeForAudit(entry.after) as object),
      requestId: context.requestId,
      sourceAddress: context.sourceAddress,
    },
  });
}

/** recordAudit as `viewer`, for functions that write their entry inside their own transaction. */
export const auditAs =
  (viewer: Viewer, context: RequestContext) =>
  (db: AuditWriter, entry: AuditEntry): Promise<void> =>
    recordAudit(viewer, context, entry, db);
