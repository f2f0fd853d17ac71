import Link from "@/components/ui/link";
import { Building2 } from "lucide-react";
import { Card } from "@/components/ui/card";
import type { TenantSummary } from "@/server/tenants/list-tenants";
import type { StageStatus } from "@/server/lag/stage-status";
import { LagStatusPill } from "@/components/lag/lag-status";
import { formatCount } from "@/components/lag/format";
import { formatSeconds } from "@/lib/duration";
import { TenantStatus } from "./tenant-status";

export function TenantCard({ tenant, stages }: { tenant: TenantSummary; stages: StageStatus[] }) {
  return (
    <Card className="flex flex-col">
      <div className="flex items-start justify-between gap-3 px-5 pt-5" data-testid={`tenant-${tenant.slug}`}>
        <div className="flex items-center gap-3">
          <div className="rounded-lg bg-indigo-50 dark:bg-indigo-950/40 p-2 text-indigo-600 dark:text-indigo-400">
            <Building2 className="h-5 w-5" aria-hidden />
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">
              <Link
                href={`/health/${tenant.slug}`}
                className="hover:text-indigo-700 dark:hover:text-indigo-300 hover:underline"
              >
                {tenant.name}
              </Link>
            </h3>
            <p className="font-mono text-xs text-slate-500 dark:text-slate-400">sync.{tenant.slug}.*</p>
          </div>
        </div>
        <TenantStatus status={tenant.status} />
      </div>
      <dl className="grid grid-cols-3 gap-3 px-5 py-4 text-xs">
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Partitions</dt>
          <dd className="mt-0.5 font-semibold tabular-nums text-slate-900 dark:text-slate-100">{tenant.partitions}</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Lag SLO</dt>
          <dd className="mt-0.5 font-semibold tabular-nums text-slate-900 dark:text-slate-100">
            {tenant.lagSloSeconds} s
          </dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Changes/day</dt>
          <dd className="mt-0.5 font-semibold tabular-nums text-slate-900 dark:text-slate-100">
            {tenant.expectedDailyChanges.toLocaleString("en-US")}
          </dd>
        </div>
      </dl>
      <ul className="mt-auto divide-y divide-slate-100 dark:divide-slate-800 border-t border-slate-100 dark:border-slate-800 text-xs">
        {stages.map((s) => (
          <li
            key={s.stage}
            className="flex items-center justify-between gap-3 px-5 py-2"
            data-testid={`stage-${tenant.slug}-${s.stage}`}
            title={s.reason}
          >
            <span className="text-slate-600 dark:text-slate-300">{s.stage}</span>
            <span className="flex items-center gap-3 tabular-nums text-slate-500 dark:text-slate-400">
              {s.status !== "NO_DATA" && (
                <span>
                  {formatCount(s.lag)} msgs · {formatSeconds(s.lagSeconds)}
                </span>
              )}
              <LagStatusPill status={s.status} reason={s.reason} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
