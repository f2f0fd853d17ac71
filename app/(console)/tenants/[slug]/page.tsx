import { notFound } from "next/navigation";
import { Forbidden } from "@/components/shell/forbidden";
import { TenantDetailView } from "@/components/tenants/tenant-detail-view";
import type { TenantDetailJson } from "@/components/tenants/types";
import { pageAccess } from "@/server/auth/page-access";
import { AppError } from "@/server/errors";
import { listEnvironmentChoices } from "@/server/tenants/environment-choices";
import { getTenantDetail } from "@/server/tenants/service";

export const metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, decision } = await pageAccess("tenant.request");
  if (!decision.allowed) return <Forbidden reason={decision.reason} />;
  let detail: TenantDetailJson;
  try {
    detail = await getTenantDetail(viewer, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const environments = detail.can.resubmit ? await listEnvironmentChoices(viewer) : [];
  return <TenantDetailView initial={detail} viewerEmail={viewer.email} environments={environments} />;
}
