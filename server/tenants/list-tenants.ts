import "server-only";
import type { Viewer } from "@/server/auth/access";
import { tenantsWith } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  status: string;
  partitions: number;
  lagSloSeconds: number;
  expectedDailyChanges: number;
  createdAt: string;
};

/** Tenants the viewer may see, by name. */
export async function listTenants(viewer: Viewer): Promise<TenantSummary[]> {
  assertAllowed(viewer, "tenant.read");
  const scope = tenantsWith(viewer, "tenant.read");
  const tenants = await getPrisma().tenant.findMany({
    where: scope === "all" ? {} : { id: { in: scope } },
    orderBy: { name: "asc" },
  });
  return tenants.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    status: t.status,
    partitions: t.partitions,
    lagSloSeconds: t.lagSloSeconds,
    expectedDailyChanges: t.expectedDailyChanges,
    createdAt: t.createdAt.toISOString(),
  }));
}
