"use client";

import { useQuery } from "@tanstack/react-query";
import { Cable, Database, Server } from "lucide-react";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { StatusPill } from "@/components/ui/status-dot";
import type { ComponentStatus, PlatformStatus } from "@/server/platform/status";
import type { ClusterState } from "@/server/lag/read-lag";
import { Time } from "@/components/ui/time";

type Status = PlatformStatus & { clusters: ClusterState[] };

async function fetchStatus(): Promise<Status> {
  const response = await fetch("/api/platform/status", { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

function ComponentRow({ icon: Icon, name, status }: { icon: typeof Server; name: string; status: ComponentStatus }) {
  return (
    <div className="flex items-center gap-4 px-5 py-4">
      <div className="rounded-lg bg-slate-100 dark:bg-slate-800 p-2 text-slate-600 dark:text-slate-300">
        <Icon className="h-5 w-5" aria-hidden />
      </div>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-900 dark:text-slate-100">{name}</p>
        <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={status.detail}>
          {status.detail}
        </p>
      </div>
      {status.state === "up" ? (
        <div className="text-right">
          <StatusPill tone="ok" label="Up" />
          <p className="mt-1 text-[11px] tabular-nums text-slate-500 dark:text-slate-400">{status.latencyMs} ms</p>
        </div>
      ) : (
        <StatusPill tone="err" label="Down" title={status.detail} />
      )}
    </div>
  );
}

/** With several Kafka clusters, each one as the lag sampler last found it. */
function ClusterList({ clusters }: { clusters: ClusterState[] }) {
  return (
    <div className="px-5 py-4" data-testid="platform-clusters">
      <p className="text-sm font-medium text-slate-900 dark:text-slate-100">Kafka clusters</p>
      <ul className="mt-2 space-y-1.5 text-xs">
        {clusters.map((c) => (
          <li key={c.cluster} className="flex items-center justify-between gap-3">
            <span className="min-w-0 truncate font-mono" title={c.reason ?? undefined}>
              {c.cluster}
              {c.state === "down" && c.reason && (
                <span className="block font-sans text-red-700 dark:text-red-300">{c.reason}</span>
              )}
            </span>
            <span className="shrink-0 text-right">
              <StatusPill tone={c.state === "up" ? "ok" : "err"} label={c.state === "up" ? "Up" : "Down"} />
              <span className="block text-[11px] text-slate-500 dark:text-slate-400">
                since <Time at={c.since} style="time" />
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The broker and database the console reads, re-checked every 10 s. */
export function PlatformStatusCard({ initial }: { initial: Status }) {
  const { data, error, refetch } = useQuery({
    queryKey: ["platform-status"],
    queryFn: fetchStatus,
    initialData: initial,
    refetchInterval: 10_000,
  });
  return (
    <Card className="divide-y divide-slate-100 dark:divide-slate-800">
      {error && (
        <QueryError
          what="Could not refresh the platform status"
          error={error}
          refetch={refetch}
          className="rounded-none"
        />
      )}
      <div data-testid="platform-kafka">
        <ComponentRow icon={Server} name="Kafka" status={data.kafka} />
      </div>
      <div data-testid="platform-connect">
        <ComponentRow icon={Cable} name="CDC (Kafka Connect)" status={data.connect} />
      </div>
      <div data-testid="platform-database">
        <ComponentRow icon={Database} name="Target database" status={data.database} />
      </div>
      {data.clusters.length > 1 && <ClusterList clusters={data.clusters} />}
    </Card>
  );
}
