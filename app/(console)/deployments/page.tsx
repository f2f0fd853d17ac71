import { Rocket } from "lucide-react";
import { DeploymentsBoard } from "@/components/deployments/deployments-board";
import type { EnvironmentStatusJson } from "@/components/deployments/types";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";
import { getEnvironmentStatus, listEnvironments } from "@/server/deployments/service";

export const metadata = { title: "Deployments" };

export default function DeploymentsPage() {
  return (
    <SurfacePage
      permission="deploy.read"
      title="Deployments"
      description="Roll out, scale and roll back the pipeline's processors in each environment."
    >
      {async (viewer) => {
        const environments = await listEnvironments(viewer);
        if (environments.length === 0) {
          return (
            <EmptyState icon={Rocket} title="No environments yet">
              Each processor stage of each tenant runs as a deployment of an environment; the demo creates the local
              one.
            </EmptyState>
          );
        }
        const first = environments.find((e) => e.id === "local") ?? environments[0]!;
        // JSON round trip: the board gets exactly what its API polling returns
        const initial = JSON.parse(
          JSON.stringify(await getEnvironmentStatus(viewer, first.id)),
        ) as EnvironmentStatusJson;
        return (
          <DeploymentsBoard environments={environments.map((e) => ({ id: e.id, name: e.name }))} initial={initial} />
        );
      }}
    </SurfacePage>
  );
}
