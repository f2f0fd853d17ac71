import "server-only";
import type { Viewer } from "@/server/auth/access";
import { tenantsWith } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import { LIVE_STATUSES } from "./lifecycle";
import { listVisibleTenants } from "./service";

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
