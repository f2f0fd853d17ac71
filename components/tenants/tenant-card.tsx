import { Building2 } from "lucide-react";
import { Card } from "@/components/ui/card";
import type { TenantSummary } from "@/server/tenants/list-tenants";
import { TenantStatus } from "./tenant-status";

const STAGES = ["CDC connector", "cdc-processor", "update-processor", "retry-processor"] as const;

export function TenantCard({ tenant }: { tenant: TenantSummary }) {
  return (
    <Card className="flex flex-col" >
      <div className="flex items-start justify-between gap-3 px-5 pt-5" data-testid={`tenant-${tenant.slug}`}>
        <div className="flex items-center gap-3">
          <div className="rounded-lg bg-indigo-50 p-2 text-indigo-600"><Building2 className="h-5 w-5" aria-hidden /></div>
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{tenant.name}</h3>
            <p className="font-mono text-xs text-slate-500">sync.{tenant.slug}.*</p>
          </div>
        </div>
        <TenantStatus status={tenant.status} />
      </div>
      <dl className="grid grid-cols-3 gap-3 px-5 py-4 text-xs">
        <div><dt className="text-slate-500">Partitions</dt><dd className="mt-0.5 font-semibold tabular-nums text-slate-900">{tenant.partitions}</dd></div>
        <div><dt className="text-slate-500">Lag SLO</dt><dd className="mt-0.5 font-semibold tabular-nums text-slate-900">{tenant.lagSloSeconds} s</dd></div>
        <div><dt className="text-slate-500">Changes/day</dt><dd className="mt-0.5 font-semibold tabular-nums text-slate-900">{tenant.expectedDailyChanges.toLocaleString("en-US")}</dd></div>
      </dl>
      <ul className="mt-auto divide-y divide-slate-100 border-t border-slate-100 text-xs">
        {STAGES.map((stage) => (
          <li key={stage} className="flex items-center justify-between px-5 py-2">
            <span className="text-slate-600">{stage}</span>
            <span className="text-slate-400">no samples yet</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
