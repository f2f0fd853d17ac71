import { GitBranch } from "lucide-react";
import { FlowOverview } from "@/components/flow/flow-overview";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";
import { getFlowOverview } from "@/server/flow/tenant-flow";

export const metadata = { title: "Flow" };

export default function FlowPage() {
  return (
    <SurfacePage permission="flow.read" title="Flow" description="Each tenant's data flow: source, CDC connector, topics, processors and target, with live rates and lag on every edge.">
      {async (viewer) => {
        const overview = await getFlowOverview(viewer);
        if (overview.tenants.length === 0) {
          return (
            <EmptyState icon={GitBranch} title="No flows to draw yet">
              When a tenant you can see is active, its flow appears here as a live graph.
            </EmptyState>
          );
        }
        return <FlowOverview initial={overview} />;
      }}
    </SurfacePage>
  );
}
