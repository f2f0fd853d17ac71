import "server-only";
import type { Viewer } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";
import type { AuditFilter } from "./audit-filter";
import { csvRow } from "./csv";
import { scopedAuditWhere, toAuditViews, type AuditEventView } from "./list-audit";
import { recordAudit, type RequestContext } from "./record-audit";

const BATCH = 500;
const HEADER = [
  "id",
  "at",
  "actor_email",
  "actor_role",
  "tenant",
  "action",
  "target",
  "before",
  "after",
  "request_id",
  "source_address",
];

function toCells(e: AuditEventView): unknown[] {
  return [
    e.id,
    e.at,
    e.actorEmail,
    e.actorRole,
    e.tenantSlug ?? e.tenantId,
    e.action,
    e.target,
    e.before,
    e.after,
    e.requestId,
    e.sourceAddress,
  ];
}

/**
 * The filtered events as CSV, streamed in keyset batches so an export of millions of rows holds
 * one batch in memory. The export itself is audited (it copies the log out of the console).
 */
export async function exportAuditCsv(
  viewer: Viewer,
  context: RequestContext,
  filter: AuditFilter,
): Promise<ReadableStream<Uint8Array>> {
  const baseWhere = scopedAuditWhere(viewer, filter);
  const { cursor: _cursor, limit: _limit, ...described } = filter;
  await recordAudit(viewer, context, { action: "audit.export", target: "audit_events", after: described });
  const encoder = new TextEncoder();
  let cursor: bigint | null = filter.cursor ? BigInt(filter.cursor) : null;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(HEADER)));
        return;
      }
      if (done) return controller.close();
      const rows = await getPrisma().auditEvent.findMany({
        where: { ...baseWhere, ...(cursor !== null && { id: { lt: cursor } }) },
        orderBy: { id: "desc" },
        take: BATCH,
      });
      if (rows.length < BATCH) done = true;
      if (rows.length === 0) return controller.close();
      cursor = rows[rows.length - 1]!.id;
      const views = await toAuditViews(rows);
      controller.enqueue(encoder.encode(views.map((v) => csvRow(toCells(v))).join("")));
    },
  });
}
