import Link from "@/components/ui/link";
import { Users } from "lucide-react";
import { formatCount } from "@/components/lag/format";
import { formatSeconds } from "@/lib/duration";
import { LagStatusPill } from "@/components/lag/lag-status";
import { Card, CardHeader } from "@/components/ui/card";
import { stageLags } from "./detail-state";
import type { TenantDetailJson } from "./types";

/** A live tenant's consumer lag per pipeline stage, with links to the lag and health pages. */
export function LagSummary({ detail }: { detail: TenantDetailJson }) {
  const rows = stageLags(detail.tenant.slug, detail.lag);
  return (
    <Card>
      <CardHeader
        title="Lag"
        description={`per stage, against the ${detail.tenant.lagSloSeconds} s SLO`}
        action={
          <Link
            href={`/health/${detail.tenant.slug}`}
            className="text-sm font-medium text-indigo-600 dark:text-indigo-400 hover:underline"
          >
            Pipeline health →
          </Link>
        }
      />
      <ul className="divide-y divide-slate-100 dark:divide-slate-800 text-sm" data-testid="lag-summary">
        {rows.map((r) => (
          <li
            key={r.stage}
            className="flex items-center justify-between gap-3 px-5 py-2.5"
            data-testid={`lag-${r.stage}`}
          >
            <Link
              href={`/lag/${r.groupId}`}
              className="font-mono text-xs text-slate-700 dark:text-slate-300 hover:text-indigo-700 dark:hover:text-indigo-300 hover:underline"
            >
              {r.groupId}
            </Link>
            <span className="flex items-center gap-3 tabular-nums text-slate-600 dark:text-slate-300">
              {r.lag !== null && r.lagSeconds !== null && (
                <span>
                  {formatCount(r.lag)} msgs · {formatSeconds(r.lagSeconds)}
                </span>
              )}
              <LagStatusPill status={r.status} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Members of staff with access to the tenant and their role. */
export function StaffList({ detail }: { detail: TenantDetailJson }) {
  return (
    <Card>
      <CardHeader
        title="Staff with access"
        description={detail.staffVisible ? `${detail.staff.length} member(s) of staff` : undefined}
      />
      {detail.staffVisible ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800 text-sm" data-testid="staff">
          {detail.staff.map((m) => (
            <li key={m.email} className="flex items-center justify-between px-5 py-2">
              <span>
                <span className="font-medium text-slate-800 dark:text-slate-200">{m.name}</span>{" "}
                <span className="text-slate-500 dark:text-slate-400">{m.email}</span>
                {m.disabled && <span className="ml-2 text-xs text-red-700 dark:text-red-300">disabled</span>}
              </span>
              <span className="rounded-full bg-slate-100 dark:bg-slate-800 px-2 py-0.5 text-xs text-slate-600 dark:text-slate-300">
                {m.role}
              </span>
            </li>
          ))}
          {detail.staff.length === 0 && (
            <li className="flex items-center gap-2 px-5 py-3 text-slate-500 dark:text-slate-400">
              <Users className="h-4 w-4" aria-hidden /> No tenant-scoped staff; global roles still apply.
            </li>
          )}
        </ul>
      ) : (
        <p className="px-5 py-3 text-sm text-slate-500 dark:text-slate-400">
          Staff are shown to those with tenant.read in this tenant.
        </p>
      )}
    </Card>
  );
}
