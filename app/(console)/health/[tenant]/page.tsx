import { notFound } from "next/navigation";
import { TenantPipelineView } from "@/components/health/tenant-pipeline-view";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { AppError } from "@/server/errors";
import { getTenantPipeline } from "@/server/health/tenant-pipeline";
import type { Viewer } from "@/server/auth/access";

async function load(viewer: Viewer, slug: string) {
  try {
    return await getTenantPipeline(viewer, slug, {});
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") return { forbidden: error.message };
    throw error;
  }
}

export default async function TenantHealthPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return (
    <SurfacePage permission="lag.read" title={`Pipeline of ${tenant}`} description="Each stage's status with the reason, its instances, throughput in and out, and end-to-end latency.">
      {async (viewer) => {
        const initial = await load(viewer, tenant);
        return "forbidden" in initial ? <Forbidden reason={initial.forbidden} /> : <TenantPipelineView initial={initial} />;
      }}
    </SurfacePage>
  );
}
