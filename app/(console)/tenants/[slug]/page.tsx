import { Forbidden } from "@/components/shell/forbidden";
import { TenantDetailView } from "@/components/tenants/tenant-detail-view";
import type { TenantDetailJson } from "@/components/tenants/types";
import { pageAccess } from "@/server/auth/page-access";
import { requireTenantPage } from "@/server/auth/page-tenant";
import { listEnvironmentChoices } from "@/server/tenants/environment-choices";
import { getTenantDetail } from "@/server/tenants/service";

export const metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, decision } = await pageAccess("tenant.request");
  if (!decision.allowed) return <Forbidden reason={decision.reason} />;
  // the layout answered 404 for a tenant the viewer does not see; this is its cached result
  const { tenant } = await requireTenantPage(slug);
  const detail: TenantDetailJson = await getTenantDetail(viewer, tenant);
  const environments = detail.can.resubmit ? await listEnvironmentChoices(viewer) : [];
  return <TenantDetailView initial={detail} viewerEmail={viewer.email} environments={environments} />;
}
