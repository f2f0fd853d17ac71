import Link from "@/components/ui/link";
import { Card, CardHeader } from "@/components/ui/card";
import { StatusPill } from "@/components/ui/status-dot";
import type { RecentFailure } from "@/server/lookup/lookup-queries";
import { errorReason } from "@/server/lookup/sync-state";
import { memberHref } from "./links";
import { Time } from "@/components/ui/time";

export function RecentFailures({ failures }: { failures: RecentFailure[] }) {
  return (
    <Card className="mt-6 max-w-4xl">
      <CardHeader
        title="Recently failed claims"
        description="Claims sent to the dead-letter topic in the last day, in your tenants."
      />
      {failures.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">No claim failed in the last day.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Recently failed claims">
          {failures.map((f) => (
            <li key={`${f.tenant}/${f.claimId}/${f.at}`}>
              <Link
                href={memberHref(f.tenant, f.memberId)}
                className="flex items-center gap-3 px-5 py-2.5 text-sm hover:bg-red-50 dark:hover:bg-red-950/40"
              >
                <StatusPill tone="err" label="Failed" />
                <span className="font-medium text-slate-900 dark:text-slate-100" data-testid="failed-claim-id">
                  {f.claimId}
                </span>
                <span className="text-slate-500 dark:text-slate-400">member {f.memberId}</span>
                <span className="flex-1 truncate text-slate-600 dark:text-slate-300">{errorReason(f.error)}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {f.tenant} · <Time at={f.at} style="clock" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
