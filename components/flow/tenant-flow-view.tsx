"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SamplerBanner } from "@/components/lag/groups-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import type { TenantFlow } from "@/server/flow/tenant-flow";
import { ConnectorCard } from "./connector-card";
import { FlowGraphSvg } from "./flow-graph-svg";
import { NodeDetails } from "./node-details";
import { PartitionChart } from "./partition-chart";
import { useTimeFormat } from "@/components/ui/time";
import { QueryError } from "@/components/ui/query-error";

const LEGEND = [
  ["ok", "bg-emerald-500"],
  ["warning", "bg-amber-500"],
  ["failing", "bg-red-500"],
  ["idle / no data", "bg-slate-400"],
] as const;

export function TenantFlowView({ initial }: { initial: TenantFlow }) {
  const slug = initial.tenant.slug;
  const { data, error, refetch } = useQuery({
    queryKey: ["tenant-flow", slug],
    queryFn: () => fetchJson<TenantFlow>(`/api/tenants/${slug}/flow`),
    initialData: initial,
    refetchInterval: 5_000,
  });
  const flow = data ?? initial;
  const time = useTimeFormat();
  const [selected, setSelected] = useState<string | null>(null);
  const [partitionTopic, setPartitionTopic] = useState<string>(
    () => initial.topics.find((t) => t.role === "updates")?.topic ?? initial.topics[0]?.topic ?? "",
  );
  const topic = flow.topics.find((t) => t.topic === partitionTopic);
  const select = (nodeId: string) => {
    setSelected(nodeId);
    if (nodeId.startsWith("topic:")) setPartitionTopic(nodeId.slice("topic:".length));
  };

  return (
    <div className="space-y-6">
      <SamplerBanner sampler={flow.sampler} />
      {error && <QueryError what="Live update failed" error={error} refetch={refetch} />}
      <Card>
        <CardHeader
          title="Data flow"
          description={`Rates in messages/s, lag in messages and seconds; updated ${time.format(flow.generatedAt, "time")}. Click a node for details.`}
          action={
            <ul className="flex gap-3 text-xs text-slate-500 dark:text-slate-400">
              {LEGEND.map(([label, colour]) => (
                <li key={label} className="flex items-center gap-1">
                  <span className={`h-2 w-2 rounded-full ${colour}`} />
                  {label}
                </li>
              ))}
            </ul>
          }
        />
        <div className="overflow-x-auto px-2 py-3" data-testid="flow-graph">
          <FlowGraphSvg graph={flow.graph} selected={selected} onSelect={select} />
        </div>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <div className="space-y-6">
          {selected && <NodeDetails flow={flow} nodeId={selected} onClose={() => setSelected(null)} />}
          <ConnectorCard slug={slug} connector={flow.connector} canManage={flow.manageDeniedReason} />
        </div>
        <Card>
          <CardHeader
            title="Partitions"
            description="Messages and consumer lag per partition: one tall bar is a hot key."
            action={
              <select
                aria-label="Topic"
                className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-xs"
                value={partitionTopic}
                onChange={(e) => setPartitionTopic(e.target.value)}
              >
                {flow.topics.map((t) => (
                  <option key={t.topic} value={t.topic}>
                    {t.topic}
                  </option>
                ))}
              </select>
            }
          />
          <CardBody>
            {topic ? (
              <PartitionChart topic={topic} />
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400">No topics yet.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
