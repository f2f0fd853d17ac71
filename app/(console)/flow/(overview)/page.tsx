import { Suspense } from "react";
import { GitBranch } from "lucide-react";
import { FlowOverview } from "@/components/flow/flow-overview";
import { SurfacePage } from "@/components/shell/surface-page";
import { EmptyState } from "@/components/ui/empty-state";
import { WidgetSkeleton } from "@/components/ui/widget-skeleton";
import type { Viewer } from "@/server/auth/access";
import { getFlowOverview } from "@/server/flow/tenant-flow";

export const metadata = { title: "Flow" };

async function Flows({ viewer }: { viewer: Viewer }) {
  const overview = await getFlowOverview(viewer);
  if (overview.tenants.length === 0) {
    return (
      <EmptyState icon={GitBranch} title="No flows to draw yet">
        When a tenant you can see is active, its flow appears here as a live graph.
      </EmptyState>
    );
  }
  return <FlowOverview initial={overview} />;
}

export default function FlowPage() {
  return (
    <SurfacePage
      permission="flow.read"
      title="Flow"
      description="Each tenant's data flow: source, CDC connector, topics, processors and target, with live rates and lag on every edge."
    >
      {(viewer) => (
        <Suspense fallback={<WidgetSkeleton label="Loading the tenants' flows" className="h-96" />}>
          <Flows viewer={viewer} />
        </Suspense>
      )}
    </SurfacePage>
  );
}
