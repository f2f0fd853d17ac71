"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { QueryError } from "@/components/ui/query-error";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RangePicker } from "@/components/ui/range-picker";
import type { getConsumerGroup } from "@/server/lag/read-lag";
import { DrainBadge } from "./drain-badge";
import { formatSeconds } from "@/lib/duration";
import { formatCount } from "./format";
import { HistoryChart, type ChartMark } from "./history-chart";
import { LagStatusPill } from "./lag-status";
import { SamplerBanner } from "./groups-table";
import { chartAxis, chartGrid, chartTooltip, SERIES } from "@/components/ui/chart-theme";

type Detail = Awaited<ReturnType<typeof getConsumerGroup>>;
const RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;

async function fetchDetail(groupId: string, range: string, cluster: string): Promise<Detail> {
  const params = new URLSearchParams({ range, cluster });
  const response = await fetch(`/api/lag/groups/${encodeURIComponent(groupId)}?${params}`, { cache: "no-store" });
  if (!response.ok)
    throw new Error((await response.json().catch(() => null))?.error?.message ?? `HTTP ${response.status}`);
  return response.json();
}

/** Sums the per-topic history points of each sample time into one series. */
function series(history: Detail["history"]) {
  const byTime = new Map<string, { at: string; lag: number; lagSeconds: number }>();
  for (const point of history) {
    const entry = byTime.get(point.at) ?? { at: point.at, lag: 0, lagSeconds: 0 };
    entry.lag += point.lag;
    entry.lagSeconds = Math.max(entry.lagSeconds, point.lagSeconds);
    byTime.set(point.at, entry);
  }
  return [...byTime.values()];
}

/** Deployments of the group's stage (sync.<tenant>.<stage>) as chart marks; none without deploy.read. */
async function fetchDeploymentMarks(groupId: string): Promise<ChartMark[]> {
  const [, tenant, stage] = groupId.split(".");
  if (!tenant || !stage) return [];
  const response = await fetch(
    `/api/deployments?tenant=${encodeURIComponent(tenant)}&stage=${encodeURIComponent(stage)}&limit=50`,
    { cache: "no-store" },
  );
  if (!response.ok) return [];
  const { deployments } = (await response.json()) as {
    deployments: Array<{ createdAt: string; revision: number; action: string; replicas: number }>;
  };
  return deployments.map((d) => ({
    at: new Date(d.createdAt).toISOString(),
    label: `rev ${d.revision} ${d.action} ×${d.replicas}`,
  }));
}

export function GroupDetail({ initial }: { initial: Detail }) {
  const groupId = initial.group.groupId;
  const [range, setRange] = useState<(typeof RANGES)[number]>("1h");
  const { data, error, refetch } = useQuery({
    queryKey: ["lag-group", groupId, range],
    queryFn: () => fetchDetail(groupId, range, initial.group.cluster),
    initialData: range === "1h" ? initial : undefined,
    refetchInterval: 5_000,
  });
  const { data: marks = [] } = useQuery({
    queryKey: ["deployment-marks", groupId],
    queryFn: () => fetchDeploymentMarks(groupId),
    refetchInterval: 15_000,
  });
  const detail = data ?? initial;
  const { group } = detail;
  const points = series(detail.history);
  const partitions = group.topics.flatMap((t) =>
    t.partitions.map((p) => ({ ...p, name: `${t.topic.split(".").pop()}-${p.partition}` })),
  );

  return (
    <div className="space-y-6">
      <SamplerBanner sampler={detail.sampler} />
      {error && <QueryError what="Could not refresh the group" error={error} refetch={refetch} />}
      <div className="grid gap-4 md:grid-cols-5">
        {[
          ["Status", <LagStatusPill key="s" status={group.status} reason={group.reason} />],
          ["Lag", formatCount(group.lag)],
          ["Lag time", formatSeconds(group.lagSeconds)],
          ["Time to drain", <DrainBadge key="d" drain={group.drain} />],
          ["Members", `${group.members} (${group.state})`],
        ].map(([label, value]) => (
          <Card key={String(label)} className="px-5 py-4">
            <p className="text-xs text-slate-500 dark:text-slate-400">{label}</p>
            <div
              className="mt-1 text-xl font-semibold tabular-nums text-slate-900 dark:text-slate-100"
              data-testid={`group-${String(label).toLowerCase().replaceAll(" ", "-")}`}
            >
              {value}
            </div>
          </Card>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="group-reason">
        {group.reason}
      </p>
      <RangePicker ranges={RANGES} value={range} onChange={setRange} />
      <div className="grid gap-6 xl:grid-cols-2">
        <HistoryChart
          title="Lag (messages)"
          data={points}
          field="lag"
          color={SERIES.primary}
          format={formatCount}
          marks={marks}
        />
        <HistoryChart
          title="Lag (seconds)"
          description="age of the oldest unconsumed message"
          data={points}
          field="lagSeconds"
          color="#f59e0b"
          format={formatSeconds}
          marks={marks}
        />
      </div>
      <Card>
        <CardHeader title="Lag per partition" description="a skewed key shows as one tall bar" />
        <CardBody className="h-64">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={partitions}>
              <CartesianGrid {...chartGrid} />
              <XAxis dataKey="name" {...chartAxis} />
              <YAxis {...chartAxis} tickFormatter={formatCount} width={50} />
              <Tooltip {...chartTooltip} formatter={(v) => formatCount(Number(v))} />
              <Bar dataKey="lag" fill={SERIES.primary} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </CardBody>
      </Card>
      <Card>
        <table className="w-full text-sm">
          <thead className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2 text-left font-medium">Topic / partition</th>
              <th className="px-4 py-2 text-left font-medium">Status</th>
              <th className="px-4 py-2 text-right font-medium">Committed</th>
              <th className="px-4 py-2 text-right font-medium">End</th>
              <th className="px-4 py-2 text-right font-medium">Lag</th>
              <th className="px-4 py-2 text-right font-medium">Lag time</th>
              <th className="px-4 py-2 text-right font-medium">Time to drain</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {group.topics.flatMap((t) =>
              t.partitions.map((p) => (
                <tr key={`${t.topic}-${p.partition}`}>
                  <td className="px-4 py-2 font-mono text-xs">
                    {t.topic} / {p.partition}
                  </td>
                  <td className="px-4 py-2">
                    <LagStatusPill status={p.status} reason={p.reason} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatCount(p.committed)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatCount(p.end)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatCount(p.lag)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {p.lagSecondsAtLeast ? "≥ " : ""}
                    {formatSeconds(p.lagSeconds)}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    <DrainBadge drain={p.drain} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
