import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import { tenantsWith } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import { pageFields, pageSlice, type PageInfo } from "@/server/lib/page-query";
import { LIVE_STATUSES } from "./lifecycle";
import { listVisibleTenants, visibleTenantsWhere } from "./service";

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  status: string;
  partitions: number;
  lagSloSeconds: number;
  retentionHours: number;
  expectedDailyChanges: number;
  peakChangesPerSecond: number;
  requestedBy: string | null;
  createdAt: string;
};

const summary = (t: Awaited<ReturnType<typeof listVisibleTenants>>[number]): TenantSummary => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  status: t.status,
  partitions: t.partitions,
  lagSloSeconds: t.lagSloSeconds,
  retentionHours: t.retentionHours,
  expectedDailyChanges: t.expectedDailyChanges,
  peakChangesPerSecond: t.peakChangesPerSecond,
  requestedBy: t.requestedBy,
  createdAt: t.createdAt.toISOString(),
});

/** Tenants the viewer may see (staff of, requested, or all for approvers), by name. */
export async function listTenants(viewer: Viewer): Promise<TenantSummary[]> {
  return (await listVisibleTenants(viewer)).map(summary);
}

/** `GET /api/tenants?page=&pageSize=`: 100 a page unless asked, at most 500. */
export const listTenantsQuery = z.object(pageFields({ defaultSize: 100, maxSize: 500 })).strict();

export type TenantsPage = PageInfo & { tenants: TenantSummary[] };

/** One page of the tenants the viewer may see, by name, and how many there are. */
export async function listTenantsPage(viewer: Viewer, query: unknown): Promise<TenantsPage> {
  const page = listTenantsQuery.parse(query);
  const where = visibleTenantsWhere(viewer);
  const db = getPrisma();
  const [tenants, total] = await Promise.all([
    db.tenant.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageSlice(page) }),
    db.tenant.count({ where }),
  ]);
  return { tenants: tenants.map(summary), page: page.page, pageSize: page.pageSize, total };
}

/** Tenants whose pipeline exists (ACTIVE, SUSPENDED) and the viewer has tenant.read in: health and pipeline views. */
export async function listLiveTenants(viewer: Viewer): Promise<TenantSummary[]> {
  assertAllowed(viewer, "tenant.read");
  const scope = tenantsWith(viewer, "tenant.read");
  const tenants = await getPrisma().tenant.findMany({
    where: { status: { in: [...LIVE_STATUSES] }, ...(scope === "all" ? {} : { id: { in: scope } }) },
    orderBy: { name: "asc" },
  });
  return tenants.map(summary);
}
