"use client";

import Link from "@/components/ui/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/components/lag/format";
import { formatSeconds } from "@/lib/duration";
import { SamplerBanner } from "@/components/lag/groups-table";
import { LagStatusPill } from "@/components/lag/lag-status";
import { QueryError } from "@/components/ui/query-error";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RangePicker } from "@/components/ui/range-picker";
import type { TenantPipeline } from "@/server/health/tenant-pipeline";
import { chartAxis, chartGrid, chartLegend, chartTooltip, SERIES } from "@/components/ui/chart-theme";
import { useTimeFormat } from "@/components/ui/time";

const RANGES = ["15m", "1h", "6h"] as const;

async function fetchPipeline(slug: string, range: string): Promise<TenantPipeline> {
  const response = await fetch(`/api/tenants/${slug}/pipeline?range=${range}`, { cache: "no-store" });
  if (!response.ok)
    throw new Error((await response.json().catch(() => null))?.error?.message ?? `HTTP ${response.status}`);
  return response.json();
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card className="px-5 py-4">
      <p className="text-xs text-slate-500 dark:text-slate-400">{label}</p>
      <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900 dark:text-slate-100">{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
    </Card>
  );
}

export function TenantPipelineView({ initial }: { initial: TenantPipeline }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>("15m");
  const { data, error, refetch } = useQuery({
    queryKey: ["tenant-pipeline", initial.tenant.slug, range],
    queryFn: () => fetchPipeline(initial.tenant.slug, range),
    initialData: range === "15m" ? initial : undefined,
    refetchInterval: 5_000,
  });
  const pipeline = data ?? initial;
  const time = useTimeFormat();
  const seconds = (v: number | null) => (v === null ? "–" : v < 1 ? `${Math.round(v * 1000)} ms` : formatSeconds(v));

  return (
    <div className="space-y-6">
      <SamplerBanner sampler={pipeline.sampler} />
      {error && <QueryError what="Could not refresh the pipeline" error={error} refetch={refetch} />}
      {pipeline.warnings.map((warning) => (
        <p
          key={warning}
          role="alert"
          className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 px-4 py-2 text-sm text-amber-900 dark:text-amber-100"
        >
          {warning}
        </p>
      ))}
      <div className="grid gap-4 md:grid-cols-4">
        <Stat
          label="Latency p50 (source → target)"
          value={seconds(pipeline.latency.p50)}
          hint={`${formatCount(pipeline.latency.samples)} changes, last 5 min`}
        />
        <Stat label="Latency p99" value={seconds(pipeline.latency.p99)} />
        <Stat
          label="Waiting in retry"
          value={pipeline.depth.retry === null ? "unknown" : formatCount(pipeline.depth.retry)}
        />
        <Stat
          label="In the dead-letter topic"
          value={pipeline.depth.dlq === null ? "unknown" : formatCount(pipeline.depth.dlq)}
        />
      </div>
      <RangePicker ranges={RANGES} value={range} onChange={setRange} />
      <div className="grid gap-6 xl:grid-cols-3">
        {pipeline.stages.map((stage) => (
          <Card key={stage.stage} className="flex flex-col">
            <CardHeader
              title={stage.stage}
              description={`${stage.instances.alive} of ${stage.instances.total} instances heartbeating · times in ${time.zone}`}
              action={<LagStatusPill status={stage.status} reason={stage.reason} />}
            />
            <CardBody className="space-y-3">
              <p className="text-sm text-slate-600 dark:text-slate-300" data-testid={`stage-reason-${stage.stage}`}>
                {stage.reason}
              </p>
              <dl className="grid grid-cols-4 gap-2 text-xs">
                <div>
                  <dt className="text-slate-500 dark:text-slate-400">Lag</dt>
                  <dd className="font-semibold tabular-nums">{formatCount(stage.lag)}</dd>
                </div>
                <div>
                  <dt className="text-slate-500 dark:text-slate-400">Lag time</dt>
                  <dd className="font-semibold tabular-nums">{formatSeconds(stage.lagSeconds)}</dd>
                </div>
                <div>
                  <dt className="text-slate-500 dark:text-slate-400">In/s</dt>
                  <dd className="font-semibold tabular-nums">{formatCount(Math.round(stage.inPerSecond))}</dd>
                </div>
                <div>
                  <dt className="text-slate-500 dark:text-slate-400">Out/s</dt>
                  <dd className="font-semibold tabular-nums">{formatCount(Math.round(stage.outPerSecond))}</dd>
                </div>
              </dl>
              <div className="h-36">
                <ResponsiveContainer width="100%" height="100%">
                  <AreaChart data={stage.series}>
                    <CartesianGrid {...chartGrid} />
                    <XAxis
                      dataKey="at"
                      tickFormatter={(v: string) => time.bare(v, "time")}
                      {...chartAxis}
                      tick={{ ...chartAxis.tick, fontSize: 10 }}
                      minTickGap={40}
                    />
                    <YAxis {...chartAxis} tick={{ ...chartAxis.tick, fontSize: 10 }} width={36} />
                    <Tooltip
                      {...chartTooltip}
                      labelFormatter={(v) => time.format(String(v), "time")}
                      formatter={(v) => `${Number(v).toFixed(1)}/s`}
                    />
                    <Legend {...chartLegend} />
                    <Area
                      type="monotone"
                      dataKey="inPerSecond"
                      name="in"
                      stroke={SERIES.muted}
                      fill={SERIES.mutedFill}
                      isAnimationActive={false}
                    />
                    <Area
                      type="monotone"
                      dataKey="outPerSecond"
                      name="out"
                      stroke={SERIES.primary}
                      fill={SERIES.primaryFill}
                      fillOpacity={0.6}
                      isAnimationActive={false}
                    />
                  </AreaChart>
                </ResponsiveContainer>
              </div>
              {stage.instances.lastError && (
                <p className="truncate text-xs text-red-600 dark:text-red-400" title={stage.instances.lastError}>
                  Last error: {stage.instances.lastError}
                </p>
              )}
              <Link
                href={`/lag/${encodeURIComponent(stage.groupId)}`}
                className="text-xs font-medium text-indigo-700 dark:text-indigo-300 hover:underline"
              >
                Partitions and history of {stage.groupId} →
              </Link>
            </CardBody>
          </Card>
        ))}
      </div>
    </div>
  );
}
