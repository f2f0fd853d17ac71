import "server-only";
import type { Viewer } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";
import { processLogger } from "@/lib/log/logger";
import { recordAudit, type AuditEntry, type RequestContext } from "./record-audit";

/**
 * An action on a system outside our database (Kafka Connect, the broker) cannot commit together
 * with its audit record, so it is recorded in two steps: `<action>.requested` before it is tried
 * (no record, no action), then `<action>.succeeded` or `<action>.failed` with the error. A
 * `requested` row without an outcome means the console stopped in between: outcome unknown, never
 * claimed as done.
 */
export async function auditExternalAction<T>(
  viewer: Viewer,
  context: RequestContext,
  entry: AuditEntry,
  perform: () => Promise<T>,
): Promise<T> {
  const db = getPrisma();
  const outcome = (suffix: "succeeded" | "failed", after?: unknown) =>
    recordAudit(
      viewer,
      context,
      { action: `${entry.action}.${suffix}`, target: entry.target, tenantId: entry.tenantId, after },
      db,
    );
  await recordAudit(viewer, context, { ...entry, action: `${entry.action}.requested` }, db);
  let result: T;
  try {
    result = await perform();
  } catch (error) {
    await outcome("failed", { error: error instanceof Error ? error.message : String(error) }).catch(
      (auditError: unknown) =>
        processLogger().error(
          { err: auditError, requestId: context.requestId },
          `could not record in the audit log that ${entry.action} on ${entry.target} failed`,
        ),
    );
    throw error;
  }
  await outcome("succeeded");
  return result;
}
