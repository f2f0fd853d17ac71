import { AlertsPanel } from "@/components/alerts/alerts-view";
import { SurfacePage } from "@/components/shell/surface-page";
import { listAlerts } from "@/server/alerts/list-alerts";
import { listManageableAlertTenants } from "@/server/alerts/manageable-tenants";

export const metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <SurfacePage
      permission="lag.read"
      title="Alerts"
      description="Rules per tenant on lag in seconds, stage status and dead-letter growth, with webhook notifications and the firing/resolved history."
    >
      {async (viewer) => {
        const [initial, manageable] = await Promise.all([listAlerts(viewer, {}), listManageableAlertTenants(viewer)]);
        return <AlertsPanel initial={initial} manageable={manageable} />;
      }}
    </SurfacePage>
  );
}
