"use client";

import Link from "@/components/ui/link";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { QueryError } from "@/components/ui/query-error";
import { StatusPill, type Tone } from "@/components/ui/status-dot";
import type { FlowStatus } from "@/server/flow/flow-graph";
import type { FlowOverviewRow } from "@/server/flow/tenant-flow";
import { FlowGraphSvg } from "./flow-graph-svg";

const TONE: Record<FlowStatus, Tone> = { ok: "ok", warn: "warn", err: "err", idle: "idle" };
const LABEL: Record<FlowStatus, string> = { ok: "Healthy", warn: "Degraded", err: "Failing", idle: "Idle" };

export function FlowOverview({ initial }: { initial: { tenants: FlowOverviewRow[] } }) {
  const { data, error, refetch } = useQuery({
    queryKey: ["flow-overview"],
    queryFn: () => fetchJson<{ tenants: FlowOverviewRow[] }>("/api/flow"),
    initialData: initial,
    refetchInterval: 10_000,
  });
  return (
    <div className="space-y-4">
      {error && <QueryError what="Could not refresh the flow" error={error} refetch={refetch} />}
      <div className="grid gap-4 2xl:grid-cols-2">
        {data.tenants.map((tenant) => (
          <Card key={tenant.slug} className="p-4">
            <div className="mb-2 flex items-start justify-between gap-3">
              <div>
                <Link
                  href={`/flow/${tenant.slug}`}
                  className="text-sm font-semibold text-indigo-700 dark:text-indigo-300 hover:underline"
                >
                  {tenant.name}
                </Link>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  connector {tenant.connectorState} · {tenant.freshness}
                </p>
              </div>
              <span data-testid={`overview-status-${tenant.slug}`}>
                <StatusPill tone={TONE[tenant.status]} label={LABEL[tenant.status]} title={tenant.reason} />
              </span>
            </div>
            <Link href={`/flow/${tenant.slug}`} aria-label={`Flow of ${tenant.name}`} className="block">
              <FlowGraphSvg graph={tenant.graph} compact />
            </Link>
            {tenant.status !== "ok" && tenant.status !== "idle" && (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{tenant.reason}</p>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
