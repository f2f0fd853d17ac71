import { Building2 } from "lucide-react";
import { PlatformStatusCard } from "@/components/health/platform-status";
import { SurfacePage } from "@/components/shell/surface-page";
import { TenantCard } from "@/components/tenants/tenant-card";
import { EmptyState } from "@/components/ui/empty-state";
import { decideAccess } from "@/server/auth/access";
import { getPlatformStatus } from "@/server/platform/status";
import { listLiveTenants } from "@/server/tenants/list-tenants";
import { getStageStatuses } from "@/server/lag/stage-status";
import { SamplerBanner } from "@/components/lag/groups-table";

export const metadata = { title: "Health" };

export default function HealthPage() {
  return (
    <SurfacePage permission="lag.read" title="Pipeline health" description="Every tenant's pipeline: status per stage, lag in messages and seconds, and what the platform underneath is doing.">
      {async (viewer) => {
        const canSeeTenants = decideAccess(viewer, "tenant.read").allowed;
        const [status, tenants] = await Promise.all([getPlatformStatus(viewer), canSeeTenants ? listLiveTenants(viewer) : []]);
        const { byTenant, sampler } = await getStageStatuses(viewer, tenants.map((t) => t.slug));
        return (
          <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
            <section aria-label="Tenants">
              <SamplerBanner sampler={sampler} />
              {tenants.length === 0 ? (
                <EmptyState icon={Building2} title="No tenants to show">You are not a member of any tenant yet.</EmptyState>
              ) : (
                <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3">
                  {tenants.map((tenant) => <TenantCard key={tenant.id} tenant={tenant} stages={byTenant[tenant.slug] ?? []} />)}
                </div>
              )}
            </section>
            <section aria-label="Platform">
              <h2 className="mb-3 text-sm font-semibold text-slate-700 dark:text-slate-300">Platform</h2>
              <PlatformStatusCard initial={status} />
            </section>
          </div>
        );
      }}
    </SurfacePage>
  );
}
