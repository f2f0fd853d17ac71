import "server-only";
import { tenantsWith, type Viewer } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import type { AuditEvent } from "@/server/db/generated/client";
import { auditWhere, type AuditFilter } from "./audit-filter";

export type AuditEventView = {
  id: string;
  at: string;
  actorEmail: string;
  actorRole: string;
  tenantId: string | null;
  tenantSlug: string | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  requestId: string;
  sourceAddress: string;
};

export type AuditPage = { events: AuditEventView[]; nextCursor: string | null };

/** The `where` for this reader: `audit.read` holders see all events; tenant members only their tenants'. */
export function scopedAuditWhere(viewer: Viewer, filter: AuditFilter) {
  assertAllowed(viewer, "audit.read");
  return auditWhere(filter, tenantsWith(viewer, "audit.read"));
}

async function tenantSlugs(events: readonly AuditEvent[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.map((e) => e.tenantId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const tenants = await getPrisma().tenant.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } });
  return new Map(tenants.map((t) => [t.id, t.slug]));
}

export async function toAuditViews(events: readonly AuditEvent[]): Promise<AuditEventView[]> {
  const slugs = await tenantSlugs(events);
  return events.map((e) => ({
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    tenantId: e.tenantId,
    tenantSlug: e.tenantId ? (slugs.get(e.tenantId) ?? null) : null,
    action: e.action,
    target: e.target,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    sourceAddress: e.sourceAddress,
  }));
}

/** One page of events, newest first; `nextCursor` continues below the last id (keyset, no offsets). */
export async function listAuditEvents(viewer: Viewer, filter: AuditFilter): Promise<AuditPage> {
  const where = scopedAuditWhere(viewer, filter);
  const rows = await getPrisma().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const nextCursor = rows.length > filter.limit ? page[page.length - 1]!.id.toString() : null;
  return { events: await toAuditViews(page), nextCursor };
}
