import { notFound } from "next/navigation";
import { TenantFlowView } from "@/components/flow/tenant-flow-view";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import type { Viewer } from "@/server/auth/access";
import { AppError } from "@/server/errors";
import { getTenantFlow } from "@/server/flow/tenant-flow";

async function load(viewer: Viewer, slug: string) {
  try {
    return await getTenantFlow(viewer, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") return { forbidden: error.message };
    throw error;
  }
}

export default async function TenantFlowPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return (
    <SurfacePage permission="flow.read" title={`Flow of ${tenant}`} description="Source → CDC connector → topics → processors → target, with the retry and dead-letter branches, live.">
      {async (viewer) => {
        const initial = await load(viewer, tenant);
        return "forbidden" in initial ? <Forbidden reason={initial.forbidden} /> : <TenantFlowView initial={initial} />;
      }}
    </SurfacePage>
  );
}
