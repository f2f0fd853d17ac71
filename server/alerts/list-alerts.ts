import "server-only";
import type { Viewer } from "@/server/auth/access";
import { decideAccess, tenantsWith } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { pageSlice } from "@/server/lib/page-query";
import { listAlertsQuery } from "./rule-input";
import { toRuleView, type AlertRuleView } from "./rule-view";

export type AlertEventView = {
  id: string;
  tenant: string;
  ruleId: string;
  ruleName: string;
  firedAt: string;
  resolvedAt: string | null;
  value: number;
  summary: string;
  /** the latest webhook notification of this event, if the rule has a webhook */
  delivery: {
    transition: string;
    attempts: number;
    deliveredAt: string | null;
    lastError: string | null;
    nextAttemptAt: string | null;
  } | null;
};

/** `page`/`pageSize`/`total` number the history's pages (`total`: events of the tenant and state asked for). */
export type AlertsView = {
  rules: AlertRuleView[];
  events: AlertEventView[];
  firing: number;
  firingRuleIds: string[];
  nextBefore: string | null;
  page: number;
  pageSize: number;
  total: number;
};

/** Rules and firing/resolved history of the tenants the viewer may see (lag.read), newest first. */
export async function listAlerts(viewer: Viewer, query: unknown): Promise<AlertsView> {
  assertAllowed(viewer, "lag.read");
  const input = listAlertsQuery.parse(query);
  const db = getPrisma();
  const scope = tenantsWith(viewer, "lag.read");
  const tenantWhere: Prisma.TenantWhereInput = {
    ...(scope === "all" ? {} : { id: { in: scope } }),
    ...(input.tenant ? { slug: input.tenant } : {}),
  };
  const tenants = await db.tenant.findMany({ where: tenantWhere, select: { id: true, slug: true } });
  const ids = tenants.map((t) => t.id);
  const slugOf = new Map(tenants.map((t) => [t.id, t.slug]));
  const stateWhere: Prisma.AlertEventWhereInput =
    input.state === "firing" ? { resolvedAt: null } : input.state === "resolved" ? { resolvedAt: { not: null } } : {};
  const eventWhere: Prisma.AlertEventWhereInput = { tenantId: { in: ids }, ...stateWhere };
  const [rules, events, open, total] = await Promise.all([
    db.alertRule.findMany({
      where: { tenantId: { in: ids } },
      include: { tenant: true },
      orderBy: [{ createdAt: "asc" }],
    }),
    db.alertEvent.findMany({
      where: { ...eventWhere, ...(input.before ? { id: { lt: input.before } } : {}) },
      include: { rule: { select: { name: true } }, deliveries: { orderBy: { id: "desc" }, take: 1 } },
      orderBy: { id: "desc" },
      skip: pageSlice({ page: input.page, pageSize: input.limit }).skip,
      take: input.limit + 1,
    }),
    db.alertEvent.findMany({ where: { tenantId: { in: ids }, resolvedAt: null }, select: { ruleId: true } }),
    db.alertEvent.count({ where: eventWhere }),
  ]);
  const page = events.slice(0, input.limit);
  return {
    rules: rules.map((r) => toRuleView(r, decideAccess(viewer, "alert.manage", r.tenantId).allowed)),
    events: page.map((e) => {
      const d = e.deliveries[0];
      return {
        id: e.id.toString(),
        tenant: slugOf.get(e.tenantId) ?? "",
        ruleId: e.ruleId,
        ruleName: e.rule.name,
        firedAt: e.firedAt.toISOString(),
        resolvedAt: e.resolvedAt?.toISOString() ?? null,
        value: e.value,
        summary: e.summary,
        delivery: d
          ? {
              transition: d.transition,
              attempts: d.attempts,
              deliveredAt: d.deliveredAt?.toISOString() ?? null,
              lastError: d.lastError,
              nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
            }
          : null,
      };
    }),
    firing: open.length,
    firingRuleIds: [...new Set(open.map((e) => e.ruleId))],
    nextBefore: events.length > input.limit ? page[page.length - 1]!.id.toString() : null,
    page: input.page,
    pageSize: input.limit,
    total,
  };
}
