import Link from "@/components/ui/link";
import { Plus } from "lucide-react";
import { SurfacePage } from "@/components/shell/surface-page";
import { RequestsSection } from "@/components/tenants/requests-section";
import { TenantTable } from "@/components/tenants/tenant-table";
import { listTenantsPage } from "@/server/tenants/list-tenants";
import { listRequests } from "@/server/tenants/service";

export const metadata = { title: "Tenants" };

export default function TenantsPage() {
  return (
    <SurfacePage
      permission="tenant.read"
      title="Tenants"
      description="Tenant orgs on the platform, their state and their settings; requests to onboard new ones."
      actions={
        <Link
          href="/tenants/new"
          className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          <Plus className="h-4 w-4" aria-hidden /> Request a tenant
        </Link>
      }
    >
      {async (viewer) => {
        const [tenants, requests] = await Promise.all([
          listTenantsPage(viewer, { pageSize: "50" }),
          listRequests(viewer),
        ]);
        return (
          <div className="space-y-6">
            <RequestsSection data={requests} />
            <TenantTable initial={tenants} />
          </div>
        );
      }}
    </SurfacePage>
  );
}
