import { Suspense } from "react";
import { Building2 } from "lucide-react";
import { PlatformStatusCard } from "@/components/health/platform-status";
import { SamplerBanner } from "@/components/lag/groups-table";
import { SurfacePage } from "@/components/shell/surface-page";
import { TenantCard } from "@/components/tenants/tenant-card";
import { EmptyState } from "@/components/ui/empty-state";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import { decideAccess, type Viewer } from "@/server/auth/access";
import { getStageStatuses } from "@/server/lag/stage-status";
import { getPlatformStatus } from "@/server/platform/status";
import { listLiveTenants } from "@/server/tenants/list-tenants";

export const metadata = { title: "Health" };

async function TenantCards({ viewer }: { viewer: Viewer }) {
  const tenants = decideAccess(viewer, "tenant.read").allowed ? await listLiveTenants(viewer) : [];
  const { byTenant, sampler } = await getStageStatuses(
    viewer,
    tenants.map((t) => t.slug),
  );
  return (
    <>
      <SamplerBanner sampler={sampler} />
      {tenants.length === 0 ? (
        <EmptyState icon={Building2} title="No tenants to show">
          You are not a member of any tenant yet.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3">
          {tenants.map((tenant) => (
            <TenantCard key={tenant.id} tenant={tenant} stages={byTenant[tenant.slug] ?? []} />
          ))}
        </div>
      )}
    </>
  );
}

async function PlatformStatus({ viewer }: { viewer: Viewer }) {
  return <PlatformStatusCard initial={await getPlatformStatus(viewer)} />;
}

/** The tenants and the platform probes stream in separately: a slow probe never holds back the tenants. */
export default function HealthPage() {
  return (
    <SurfacePage
      permission="lag.read"
      title="Pipeline health"
      description="Every tenant's pipeline: status per stage, lag in messages and seconds, and what the platform underneath is doing."
    >
      {(viewer) => (
        <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
          <section aria-label="Tenants">
            <Suspense fallback={<WidgetSkeleton label="Loading the tenants' pipelines" className="h-64" />}>
              <TenantCards viewer={viewer} />
            </Suspense>
          </section>
          <section aria-label="Platform">
            <h2 className="mb-3 text-sm font-semibold text-slate-700 dark:text-slate-300">Platform</h2>
            <Suspense fallback={<WidgetSkeleton label="Probing the platform" className="h-64" />}>
              <PlatformStatus viewer={viewer} />
            </Suspense>
          </section>
        </div>
      )}
    </SurfacePage>
  );
}
