import Link from "@/components/ui/link";
import { Hourglass, Inbox } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { TenantStatus } from "./tenant-status";
import type { TenantRequestRow, TenantRequestsJson } from "./types";
import { Time } from "@/components/ui/time";

function RequestRow({ r, showReason }: { r: TenantRequestRow; showReason: boolean }) {
  return (
    <li
      className="relative flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/50"
      data-testid={`request-${r.slug}`}
    >
      <div className="min-w-0">
        <Link
          href={`/tenants/${r.slug}`}
          className="font-medium text-slate-900 dark:text-slate-100 after:absolute after:inset-0 hover:text-indigo-700 dark:hover:text-indigo-300"
        >
          {r.name}
        </Link>
        <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{r.slug}</span>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {r.requestedBy} · <Time at={r.createdAt} style="date" /> · {r.expectedDailyChanges.toLocaleString("en-US")}{" "}
          changes/day · {r.partitions} partitions · {r.environmentId}
          {r.mine && r.status === "SUBMITTED" && (
            <span className="ml-1 text-amber-700 dark:text-amber-300">
              · your own request: another admin approves it
            </span>
          )}
        </p>
        {showReason && r.status === "DECLINED" && r.declineReason && (
          <p className="mt-1 text-xs text-red-700 dark:text-red-300">Declined: {r.declineReason}</p>
        )}
      </div>
      <TenantStatus status={r.status} />
    </li>
  );
}

/** Approvers: the requests waiting for a decision, prominent, with a count. Everyone else: their own requests. */
export function RequestsSection({ data }: { data: TenantRequestsJson }) {
  if (data.approver) {
    const waiting = data.requests.filter((r) => r.status === "SUBMITTED");
    return (
      <Card className={waiting.length ? "ring-2 ring-amber-300 dark:ring-amber-700" : undefined}>
        <CardHeader
          title="Waiting for approval"
          description="Open one to run its pre-flight checks, then approve or decline it."
          action={
            <span
              data-testid="waiting-count"
              className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-semibold ${waiting.length ? "bg-amber-100 dark:bg-amber-900/40 text-amber-900 dark:text-amber-100" : "bg-slate-100 dark:bg-slate-800 text-slate-600 dark:text-slate-300"}`}
            >
              <Hourglass className="h-3.5 w-3.5" aria-hidden />
              {waiting.length}
            </span>
          }
        />
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="approval-queue">
          {waiting.map((r) => (
            <RequestRow key={r.slug} r={r} showReason={false} />
          ))}
          {waiting.length === 0 && (
            <li className="flex items-center gap-2 px-5 py-4 text-sm text-slate-500 dark:text-slate-400">
              <Inbox className="h-4 w-4" aria-hidden /> No request is waiting.
            </li>
          )}
        </ul>
      </Card>
    );
  }
  if (data.requests.length === 0) return null;
  return (
    <Card>
      <CardHeader title="Your requests" description="Their status, and the reason when one was declined." />
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="my-requests">
        {data.requests.map((r) => (
          <RequestRow key={r.slug} r={r} showReason />
        ))}
      </ul>
    </Card>
  );
}
