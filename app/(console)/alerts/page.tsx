import { AlertsPanel } from "@/components/alerts/alerts-view";
import { LIVE_STATUSES } from "@/server/tenants/lifecycle";
import { SurfacePage } from "@/components/shell/surface-page";
import { listAlerts } from "@/server/alerts/list-alerts";
import { decideAccess } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";

export const metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <SurfacePage
      permission="lag.read"
      title="Alerts"
      description="Rules per tenant on lag in seconds, stage status and dead-letter growth, with webhook notifications and the firing/resolved history."
    >
      {async (viewer) => {
        const initial = await listAlerts(viewer, {});
        const tenants = await getPrisma().tenant.findMany({ where: { status: { in: [...LIVE_STATUSES] } }, select: { id: true, slug: true }, orderBy: { slug: "asc" } });
        const manageable = tenants.filter((t) => decideAccess(viewer, "alert.manage", t.id).allowed && decideAccess(viewer, "lag.read", t.id).allowed).map((t) => t.slug);
        return <AlertsPanel initial={initial} manageable={manageable} />;
      }}
    </SurfacePage>
  );
}
