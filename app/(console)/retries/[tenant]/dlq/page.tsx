import { DlqView } from "@/components/retries/dlq-view";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { getDlqPageContext } from "@/server/dlq/queue-summary";

export const metadata = { title: "Dead letters" };

export default async function TenantDlqPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return (
    <SurfacePage permission="dlq.read" title={`Dead letters of ${tenant}`} description="Filter, inspect, replay (dry run first) or resolve the messages the pipeline gave up on.">
      {async (viewer) => {
        const context = await getDlqPageContext(viewer, tenant);
        if ("error" in context) return <Forbidden reason={context.error} />;
        return <DlqView tenant={tenant} canReplay={context.canReplay} classes={context.classes} />;
      }}
    </SurfacePage>
  );
}
