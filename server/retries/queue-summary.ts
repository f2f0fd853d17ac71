import "server-only";
import { LIVE_STATUSES } from "@/server/tenants/lifecycle";
import { decideAccess, tenantsWith, type Viewer } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { resolveTenant } from "@/server/auth/resolve-tenant";

export type QueueSummary = { slug: string; name: string; retryOpen: number; dlqOpen: number; canReadDlq: boolean };

/** Per tenant the viewer may see retries of: open retry and dead-letter records (index-only counts). */
export async function listQueueSummaries(viewer: Viewer): Promise<QueueSummary[]> {
  const scope = tenantsWith(viewer, "retry.read");
  const tenants = await getPrisma().tenant.findMany({
    where: { status: { in: [...LIVE_STATUSES] }, ...(scope === "all" ? {} : { id: { in: scope } }) },
    orderBy: { name: "asc" },
  });
  const counts = await getPrisma().$queryRaw<Array<{ tenant: string; kind: string; n: bigint }>>`
    SELECT tenant, kind, count(*) AS n FROM dlq_messages
    WHERE tenant = ANY(${tenants.map((t) => t.slug)}::text[]) AND state = 'open' GROUP BY tenant, kind`;
  const count = (slug: string, kind: string) =>
    Number(counts.find((c) => c.tenant === slug && c.kind === kind)?.n ?? 0);
  return tenants.map((t) => ({
    slug: t.slug,
    name: t.name,
    retryOpen: count(t.slug, "retry"),
    dlqOpen: count(t.slug, "dlq"),
    canReadDlq: decideAccess(viewer, "dlq.read", t.id).allowed,
  }));
}

/** For the DLQ page: may the viewer replay here, and which error classes are open (filter suggestions). */
export async function getDlqPageContext(
  viewer: Viewer,
  slug: string,
): Promise<{ error: string } | { canReplay: boolean; classes: string[] }> {
  const tenant = await resolveTenant(viewer, slug, "dlq.read").catch((error: unknown) => {
    // missing and unseen tenants stay NOT_FOUND; a seen tenant without dlq.read shows the reason
    if (error instanceof AppError && error.code === "FORBIDDEN") return error;
    throw error;
  });
  if (tenant instanceof AppError) return { error: tenant.message };
  const classes = await getPrisma().$queryRaw<Array<{ error_class: string }>>`
    SELECT DISTINCT error_class FROM dlq_messages WHERE tenant = ${tenant.slug} AND kind = 'dlq' AND state = 'open' LIMIT 50`;
  return {
    canReplay: decideAccess(viewer, "dlq.replay", tenant.id).allowed,
    classes: classes.map((c) => c.error_class),
  };
}
