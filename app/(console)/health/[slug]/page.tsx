import { Suspense } from "react";
import { TenantPipelineView } from "@/components/health/tenant-pipeline-view";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import type { Viewer } from "@/server/auth/access";
import { tenantForPage } from "@/server/auth/page-tenant";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { getTenantPipeline } from "@/server/health/tenant-pipeline";

async function Pipeline({ viewer, tenant }: { viewer: Viewer; tenant: Tenant }) {
  return <TenantPipelineView initial={await getTenantPipeline(viewer, tenant, {})} />;
}

export default async function TenantHealthPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <SurfacePage
      permission="lag.read"
      title={`Pipeline of ${slug}`}
      description="Each stage's status with the reason, its instances, throughput in and out, and end-to-end latency."
    >
      {async (viewer) => {
        const access = await tenantForPage(viewer, slug, "lag.read");
        if ("forbidden" in access) return <Forbidden reason={access.forbidden} />;
        return (
          <Suspense fallback={<WidgetSkeleton label="Loading the pipeline's stages" className="h-96" />}>
            <Pipeline viewer={viewer} tenant={access.tenant} />
          </Suspense>
        );
      }}
    </SurfacePage>
  );
}
