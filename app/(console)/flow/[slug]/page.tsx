import { Suspense } from "react";
import { TenantFlowView } from "@/components/flow/tenant-flow-view";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import type { Viewer } from "@/server/auth/access";
import { tenantForPage } from "@/server/auth/page-tenant";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { getTenantFlow } from "@/server/flow/tenant-flow";

async function Flow({ viewer, tenant }: { viewer: Viewer; tenant: Tenant }) {
  return <TenantFlowView initial={await getTenantFlow(viewer, tenant)} />;
}

export default async function TenantFlowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <SurfacePage
      permission="flow.read"
      title={`Flow of ${slug}`}
      description="Source → CDC connector → topics → processors → target, with the retry and dead-letter branches, live."
    >
      {async (viewer) => {
        const access = await tenantForPage(viewer, slug, "flow.read");
        if ("forbidden" in access) return <Forbidden reason={access.forbidden} />;
        return (
          <Suspense fallback={<WidgetSkeleton label="Loading the flow graph" className="h-[28rem]" />}>
            <Flow viewer={viewer} tenant={access.tenant} />
          </Suspense>
        );
      }}
    </SurfacePage>
  );
}
