import { Server } from "lucide-react";
import { SurfacePage } from "@/components/shell/surface-page";
import { RequestForm } from "@/components/tenants/request-form";
import { emptyRequestForm } from "@/components/tenants/request-form-state";
import { EmptyState } from "@/components/ui/empty-state";
import { listEnvironmentChoices } from "@/server/tenants/environment-choices";
import { placementRule } from "@/server/tenants/placement-rule";

export const metadata = { title: "Request a tenant" };

export default function NewTenantPage() {
  return (
    <SurfacePage
      permission="tenant.request"
      title="Request a tenant"
      description="Ask for a new tenant org. An admin other than you checks the request and approves it; approval provisions its pipeline."
    >
      {async (viewer) => {
        const environments = await listEnvironmentChoices(viewer);
        if (environments.length === 0) {
          return (
            <EmptyState icon={Server} title="No environments yet">
              A tenant&apos;s processors run in an environment; the demo creates the local one.
            </EmptyState>
          );
        }
        const first = environments.find((e) => e.id === "local") ?? environments[0]!;
        return (
          <div className="max-w-3xl">
            <RequestForm
              mode="new"
              initial={emptyRequestForm(first.id)}
              environments={environments}
              placementRule={placementRule()}
            />
          </div>
        );
      }}
    </SurfacePage>
  );
}
