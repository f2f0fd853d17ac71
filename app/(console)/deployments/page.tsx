import { Rocket } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Deployments" };

export default function DeploymentsPage() {
  return (
    <SurfacePage permission="deploy.read" title="Deployments" description="Roll out, scale and roll back the pipeline's processors in each environment.">
      {() => (
        <EmptyState icon={Rocket} title="No deployments yet">
          Each processor stage of each tenant runs as a deployment; its rollouts, replicas and health appear here.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
