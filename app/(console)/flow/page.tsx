import { GitBranch } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Flow" };

export default function FlowPage() {
  return (
    <SurfacePage permission="flow.read" title="Flow" description="Each tenant's data flow: source, CDC connector, topics, processors and target, with live rates and lag on every edge.">
      {() => (
        <EmptyState icon={GitBranch} title="No flows to draw yet">
          When a tenant&apos;s CDC connector and processors run, their flow appears here as a live graph.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
