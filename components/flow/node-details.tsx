"use client";

import { X } from "lucide-react";
import { formatCount } from "@/components/lag/format";
import { formatSeconds } from "@/lib/duration";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { StatusPill, type Tone } from "@/components/ui/status-dot";
import type { FlowStatus } from "@/server/flow/flow-graph";
import type { PartitionView, TenantFlow, TopicView } from "@/server/flow/tenant-flow";
import { ConnectorStatePill, formatRateOf } from "./format-flow";
import { PartitionChart } from "./partition-chart";
import { Time } from "@/components/ui/time";
import Link from "@/components/ui/link";

const TONE: Record<FlowStatus, Tone> = { ok: "ok", warn: "warn", err: "err", idle: "idle" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1 text-sm">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-right text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function ReplicationSummary({
  replication,
  partitions,
}: {
  replication: NonNullable<TopicView["replication"]>;
  partitions: number;
}) {
  if (replication.offline > 0)
    return (
      <span className="font-medium text-red-700 dark:text-red-300">
        {replication.offline} of {partitions} partitions offline
      </span>
    );
  if (replication.underReplicated > 0)
    return (
      <span className="font-medium text-amber-700 dark:text-amber-300">
        {replication.underReplicated} of {partitions} under-replicated (factor {replication.replicationFactor})
      </span>
    );
  return (
    <span className="text-emerald-700 dark:text-emerald-300">all in sync (factor {replication.replicationFactor})</span>
  );
}

/** Leader and ISR of one partition; the replicas it waits for are named in amber, no leader in red. */
function PartitionReplicaCells({ replicas }: { replicas: PartitionView["replicas"] }) {
  if (!replicas)
    return (
      <>
        <td className="text-right">–</td>
        <td className="text-right">–</td>
      </>
    );
  const tone = replicas.offline
    ? "text-red-700 dark:text-red-300"
    : replicas.underReplicated
      ? "text-amber-700 dark:text-amber-300"
      : "";
  return (
    <>
      <td className={`text-right ${tone}`}>{replicas.leader ?? "none"}</td>
      <td
        className={`text-right ${tone}`}
        title={
          replicas.outOfSync.length ? `waiting for broker ${replicas.outOfSync.join(", ")}` : "every replica in sync"
        }
      >
        {replicas.isr.length}/{replicas.replicas.length}
        {replicas.outOfSync.length > 0 && ` (−${replicas.outOfSync.join(",")})`}
      </td>
    </>
  );
}

/** A pooled tenant's beat is `<pool instance>/<tenant>`: the process is what a person looks for. */
const processOf = (instanceId: string) => instanceId.split("/")[0]!;

function RunsIn({ placement }: { placement: string }) {
  if (placement === "dedicated") return <>processors of its own</>;
  return (
    <span data-testid="runs-in-pool">
      <Link
        href={`/deployments?tenant=${encodeURIComponent(placement)}`}
        className="font-medium text-indigo-700 dark:text-indigo-300 underline"
      >
        {placement}
      </Link>{" "}
      <span className="text-slate-500 dark:text-slate-400">
        (a pool: one processor per stage serves several tenants)
      </span>
    </span>
  );
}

function Body({ flow, nodeId }: { flow: TenantFlow; nodeId: string }) {
  if (nodeId.startsWith("topic:")) {
    const topic = flow.topics.find((t) => `topic:${t.topic}` === nodeId);
    if (!topic) return null;
    return (
      <>
        <dl>
          <Row label="Topic">{topic.topic}</Row>
          <Row label="In">{formatRateOf(topic.inPerSecond)}</Row>
          {topic.replication && topic.replication.replicationFactor > 0 && (
            <Row label="Replicas">
              <ReplicationSummary replication={topic.replication} partitions={topic.partitions} />
            </Row>
          )}
        </dl>
        <PartitionChart topic={topic} />
        <table className="mt-3 w-full text-xs">
          <thead className="text-slate-500 dark:text-slate-400">
            <tr>
              <th className="text-left">Partition</th>
              <th className="text-right">Messages</th>
              <th className="text-right">End offset</th>
              <th className="text-right">Lag</th>
              <th className="text-right">Lag (s)</th>
              <th className="text-right">Leader</th>
              <th className="text-right">In sync</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {topic.partitionDetails.map((p) => (
              <tr key={p.partition}>
                <td>{p.partition}</td>
                <td className="text-right">{formatCount(p.messages)}</td>
                <td className="text-right">{p.end}</td>
                <td className="text-right">{p.lag ?? "–"}</td>
                <td className="text-right">{p.lagSeconds === null ? "–" : formatSeconds(p.lagSeconds)}</td>
                <PartitionReplicaCells replicas={p.replicas} />
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  if (nodeId.startsWith("stage:")) {
    const stage = flow.stages.find((s) => `stage:${s.stage}` === nodeId);
    if (!stage) return null;
    return (
      <>
        <dl>
          <Row label="Runs in">
            <RunsIn placement={flow.tenant.placement} />
          </Row>
          <Row label="Consumer group">{stage.groupId}</Row>
          <Row label="Group members">{stage.members}</Row>
          <Row label="Lag">
            {formatCount(stage.lag)} messages · {formatSeconds(stage.lagSeconds)}
          </Row>
          <Row label="Healthy instances">
            {stage.alive} of {stage.total}
          </Row>
        </dl>
        <h3 className="mt-3 text-xs font-semibold text-slate-700 dark:text-slate-300">
          {flow.tenant.placement === "dedicated" ? "Instances" : `Instances of ${flow.tenant.placement}`}
        </h3>
        <ul className="mt-1 divide-y divide-slate-100 dark:divide-slate-800 text-xs">
          {stage.instanceList.length === 0 && (
            <li className="py-1 text-slate-500 dark:text-slate-400">No instance has heartbeated.</li>
          )}
          {stage.instanceList.map((i) => (
            <li key={i.instanceId} className="py-1.5">
              <div className="flex justify-between">
                <span>{processOf(i.instanceId)}</span>
                <StatusPill tone={i.alive ? "ok" : "err"} label={i.alive ? "alive" : "silent"} />
              </div>
              <p className="text-slate-500 dark:text-slate-400">
                {i.host} pid {i.pid} · v{i.version} · last beat <Time at={i.lastBeatAt} style="time" />
              </p>
              {i.lastError && <p className="text-red-700 dark:text-red-300">Last error: {i.lastError}</p>}
            </li>
          ))}
        </ul>
      </>
    );
  }
  if (nodeId === "connector") {
    return (
      <dl>
        <Row label="Connector">{flow.connector.name}</Row>
        <Row label="State">
          <ConnectorStatePill state={flow.connector.state} />
        </Row>
        {flow.connector.tasks.map((t) => (
          <Row key={t.id} label={`Task ${t.id}`}>
            <ConnectorStatePill state={t.state} title={t.summary?.rootCause ?? undefined} />
          </Row>
        ))}
        {flow.connector.reason && <Row label="Recent error">{flow.connector.reason}</Row>}
        <Row label="Freshness">{flow.connector.freshness.label}</Row>
      </dl>
    );
  }
  if (nodeId === "source") {
    return (
      <dl>
        <Row label="Tenant">{flow.tenant.name}</Row>
        <Row label="Last captured change">
          {flow.connector.lastEventAt ? <Time at={flow.connector.lastEventAt} style="time" /> : "none yet"}
        </Row>
        <Row label="Freshness">{flow.connector.freshness.label}</Row>
      </dl>
    );
  }
  const applied = flow.graph.edges.find((e) => e.to === "target");
  return (
    <dl>
      <Row label="Applied">{formatRateOf(applied?.perSecond ?? null)}</Row>
    </dl>
  );
}

export function NodeDetails({ flow, nodeId, onClose }: { flow: TenantFlow; nodeId: string; onClose: () => void }) {
  const node = flow.graph.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  return (
    <Card>
      <CardHeader
        title={node.label}
        description={node.reason}
        action={
          <span className="flex items-center gap-2">
            <StatusPill tone={TONE[node.status]} label={node.status} />
            <button
              type="button"
              onClick={onClose}
              aria-label="Close details"
              className="text-slate-500 dark:text-slate-400 hover:text-slate-700 dark:hover:text-slate-200"
            >
              <X className="h-4 w-4" />
            </button>
          </span>
        }
      />
      <CardBody>
        <div data-testid="node-details">
          <Body flow={flow} nodeId={nodeId} />
        </div>
      </CardBody>
    </Card>
  );
}
