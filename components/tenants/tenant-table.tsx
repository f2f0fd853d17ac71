"use client";

import Link from "@/components/ui/link";
import { ChevronRight } from "lucide-react";
import { Card } from "@/components/ui/card";
import { usePagedQuery } from "@/components/ui/use-paged-query";
import { Pager } from "@/components/ui/pager";
import { QueryError } from "@/components/ui/query-error";
import type { TenantsPage } from "@/server/tenants/list-tenants";
import { TenantStatus } from "./tenant-status";
import { Time } from "@/components/ui/time";

const n = (value: number) => value.toLocaleString("en-US");

/** The tenants the viewer may see, a page at a time; a row opens the tenant. */
export function TenantTable({ initial }: { initial: TenantsPage }) {
  const { data, error, refetch, busy, onPage, onPageSize } = usePagedQuery(["tenants"], "/api/tenants", initial);
  const tenants = data.tenants;
  return (
    <Card>
      {error && <QueryError what="Could not load the tenants" error={error} refetch={refetch} className="mx-5 mt-3" />}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="tenant-table">
          <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-5 py-3 font-medium">Tenant</th>
              <th className="px-5 py-3 font-medium">Status</th>
              <th className="px-5 py-3 text-right font-medium">Partitions</th>
              <th className="px-5 py-3 text-right font-medium">Lag SLO</th>
              <th className="px-5 py-3 text-right font-medium">Retention</th>
              <th className="px-5 py-3 text-right font-medium">Changes/day</th>
              <th className="px-5 py-3 font-medium">Requested by</th>
              <th className="px-5 py-3 font-medium">Since</th>
              <th className="w-8" aria-hidden />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {tenants.map((t) => (
              <tr
                key={t.id}
                className="group relative hover:bg-slate-50 dark:hover:bg-slate-800/50"
                data-testid={`tenant-row-${t.slug}`}
              >
                <td className="px-5 py-3">
                  {/* the link's box covers the whole row */}
                  <Link
                    href={`/tenants/${t.slug}`}
                    className="font-medium text-slate-900 dark:text-slate-100 after:absolute after:inset-0 group-hover:text-indigo-700 dark:group-hover:text-indigo-300"
                  >
                    {t.name}
                  </Link>
                  <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{t.slug}</p>
                </td>
                <td className="px-5 py-3">
                  <TenantStatus status={t.status} />
                </td>
                <td className="px-5 py-3 text-right tabular-nums">{t.partitions}</td>
                <td className="px-5 py-3 text-right tabular-nums">{t.lagSloSeconds} s</td>
                <td className="px-5 py-3 text-right tabular-nums">{t.retentionHours} h</td>
                <td className="px-5 py-3 text-right tabular-nums">{n(t.expectedDailyChanges)}</td>
                <td className="px-5 py-3 text-slate-600 dark:text-slate-300">
                  {t.requestedBy ?? <span className="text-slate-500 dark:text-slate-400">seeded</span>}
                </td>
                <td className="px-5 py-3 text-slate-500 dark:text-slate-400">
                  <Time at={t.createdAt} style="date" />
                </td>
                <td className="pr-4 text-slate-300 group-hover:text-indigo-500">
                  <ChevronRight className="h-4 w-4" aria-hidden />
                </td>
              </tr>
            ))}
            {tenants.length === 0 && (
              <tr>
                <td colSpan={9} className="px-5 py-8 text-center text-slate-500 dark:text-slate-400">
                  No tenants you may see yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager state={data} label="Tenants" busy={busy} onPage={onPage} onPageSize={onPageSize} />
    </Card>
  );
}
