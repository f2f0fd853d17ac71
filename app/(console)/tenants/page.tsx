import { SurfacePage } from "@/components/shell/surface-page";
import { TenantStatus } from "@/components/tenants/tenant-status";
import { Card } from "@/components/ui/card";
import { listTenants } from "@/server/tenants/list-tenants";

export const metadata = { title: "Tenants" };

export default function TenantsPage() {
  return (
    <SurfacePage permission="tenant.read" title="Tenants" description="Tenant orgs on the platform, their state and their settings.">
      {async (viewer) => {
        const tenants = await listTenants(viewer);
        return (
          <Card>
            <table className="w-full text-left text-sm" data-testid="tenant-table">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-5 py-3 font-medium">Tenant</th>
                  <th className="px-5 py-3 font-medium">Status</th>
                  <th className="px-5 py-3 text-right font-medium">Partitions</th>
                  <th className="px-5 py-3 text-right font-medium">Lag SLO</th>
                  <th className="px-5 py-3 text-right font-medium">Expected changes/day</th>
                  <th className="px-5 py-3 font-medium">Since</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tenants.map((t) => (
                  <tr key={t.id} className="hover:bg-slate-50">
                    <td className="px-5 py-3"><p className="font-medium text-slate-900">{t.name}</p><p className="font-mono text-xs text-slate-500">{t.slug}</p></td>
                    <td className="px-5 py-3"><TenantStatus status={t.status} /></td>
                    <td className="px-5 py-3 text-right tabular-nums">{t.partitions}</td>
                    <td className="px-5 py-3 text-right tabular-nums">{t.lagSloSeconds} s</td>
                    <td className="px-5 py-3 text-right tabular-nums">{t.expectedDailyChanges.toLocaleString("en-US")}</td>
                    <td className="px-5 py-3 text-slate-500">{t.createdAt.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        );
      }}
    </SurfacePage>
  );
}
