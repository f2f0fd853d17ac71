"use client";

import Link from "@/components/ui/link";
import { useQuery } from "@tanstack/react-query";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { HistoryChart } from "@/components/lag/history-chart";
import { StatusPill } from "@/components/ui/status-dot";
import type { RetryOverview } from "@/server/retries/retry-overview";
import { formatElapsed } from "@/lib/duration";
import { formatDue } from "./format";
import { SERIES } from "@/components/ui/chart-theme";
import { QueryError } from "@/components/ui/query-error";

function Stat({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <Card>
      <CardBody>
        <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</div>
        <div className={`mt-1 text-2xl font-semibold ${tone ?? "text-slate-900 dark:text-slate-100"}`}>{value}</div>
      </CardBody>
    </Card>
  );
}

/** A tenant's retry queue: what waits, since when, why (grouped), and how depth and age moved. */
export function RetryView({ tenant }: { tenant: string }) {
  const { data, error, dataUpdatedAt, refetch } = useQuery({
    queryKey: ["retries", tenant],
    queryFn: () => fetchJson<RetryOverview>(`/api/tenants/${tenant}/retries?range=1h`),
    refetchInterval: 5_000,
  });
  if (error) return <QueryError what="Cannot load the retry queue" error={error} refetch={refetch} />;
  if (!data) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  const now = dataUpdatedAt; // the time the data was read: ages and due times are relative to it
  const dlqOpen = data.dlqClasses.reduce((s, c) => s + c.count, 0);
  return (
    <div className="space-y-6">
      {!data.positionKnown && (
        <div
          className="rounded-lg border border-amber-200 dark:border-amber-800 bg-amber-50 dark:bg-amber-950/40 px-4 py-3 text-sm text-amber-800 dark:text-amber-200"
          role="status"
        >
          The retry-processor&apos;s position cannot be read from Kafka: only messages not yet due are shown.
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label="Waiting in retry"
          value={String(data.depth)}
          tone={data.depth > 0 ? "text-amber-700 dark:text-amber-300" : "text-emerald-700 dark:text-emerald-300"}
        />
        <Stat
          label="Oldest waiting"
          value={data.oldestWaitingAt ? formatElapsed(now - new Date(data.oldestWaitingAt).getTime()) : "—"}
        />
        <Card>
          <CardBody>
            <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
              Open in dead-letter topic
            </div>
            <div
              className={`mt-1 text-2xl font-semibold ${dlqOpen > 0 ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}`}
            >
              {dlqOpen}
            </div>
            <Link
              href={`/retries/${tenant}/dlq`}
              className="text-sm font-medium text-indigo-600 dark:text-indigo-400 hover:underline"
            >
              Open dead letters →
            </Link>
          </CardBody>
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <HistoryChart
          title="Retry depth"
          description="Messages waiting (retry-processor lag), last hour"
          data={data.series}
          field="depth"
          color={SERIES.lag}
          format={(v) => String(Math.round(v))}
        />
        <HistoryChart
          title="Retry age"
          description="How long the oldest waiting message has waited"
          data={data.series}
          field="ageSeconds"
          color={SERIES.mark}
          format={(v) => formatElapsed(v * 1000)}
        />
      </div>
      <Card>
        <CardHeader
          title="Waiting, grouped by cause"
          description="Error class and fingerprint (the message with ids and numbers blanked)"
        />
        <table className="w-full text-sm">
          <thead className="bg-slate-50 dark:bg-slate-800/50 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2">Error class</th>
              <th className="px-4 py-2">Example</th>
              <th className="px-4 py-2 text-right">Max attempt</th>
              <th className="px-4 py-2 text-right">Count</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.fingerprint} className="border-t border-slate-100 dark:border-slate-800">
                <td className="px-4 py-2">
                  <StatusPill tone="warn" label={g.errorClass} />
                </td>
                <td className="max-w-xl truncate px-4 py-2 text-slate-600 dark:text-slate-300" title={g.sample}>
                  {g.sample}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{g.maxAttempt}</td>
                <td className="px-4 py-2 text-right font-semibold tabular-nums">{g.count}</td>
              </tr>
            ))}
            {data.groups.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-6 text-center text-slate-500 dark:text-slate-400">
                  Nothing is waiting in retry.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
      <Card>
        <CardHeader title="Waiting messages" description="Next due first (at most 200)" />
        <table className="w-full text-sm" data-testid="retry-waiting">
          <thead className="bg-slate-50 dark:bg-slate-800/50 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2">Entity</th>
              <th className="px-4 py-2">Attempt</th>
              <th className="px-4 py-2">Due</th>
              <th className="px-4 py-2">Error</th>
              <th className="px-4 py-2">Stage</th>
            </tr>
          </thead>
          <tbody>
            {data.waiting.map((m) => (
              <tr key={m.id} className="border-t border-slate-100 dark:border-slate-800">
                <td className="px-4 py-2 font-mono text-xs">{m.entity ?? m.key ?? "—"}</td>
                <td className="px-4 py-2 tabular-nums">{m.attempt}</td>
                <td className="px-4 py-2">{formatDue(m.dueAt, now)}</td>
                <td className="max-w-lg truncate px-4 py-2" title={m.errorMessage}>
                  <span className="font-medium">{m.errorClass}</span>{" "}
                  <span className="text-slate-500 dark:text-slate-400">{m.errorMessage}</span>
                </td>
                <td className="px-4 py-2 text-slate-600 dark:text-slate-300">{m.stage ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
