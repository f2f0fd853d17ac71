/**
 * A tenant's data flow as a graph (DESIGN.md "The pipeline"): source DB → CDC connector → cdc
 * topics → cdc-processor → updates → update-processor → target, with the retry and dead-letter
 * branches. Pure: the caller gathers rates, lag, heartbeats and connector state; this decides
 * what each node and edge shows and which colour it gets, so the UI only draws.
 */
import type { Stage } from "@/lib/contract/topics";
import { replicationProblem, type TopicReplication } from "./replication";

export type FlowStatus = "ok" | "warn" | "err" | "idle";
export type NodeKind = "source" | "connector" | "topic" | "processor" | "target";
export type EdgeKind = "main" | "retry" | "dlq";

export type StageInput = {
  stage: Stage;
  /** the lag evaluation's status (OK, WARN, STALL, STOP, REWIND, ERR) or NO_DATA */
  status: string;
  reason: string;
  lag: number;
  lagSeconds: number;
  alive: number;
  total: number;
  lastError: string | null;
};

export type TopicRole = "cdc" | "updates" | "retry" | "dlq";
export type TopicInput = {
  topic: string;
  role: TopicRole;
  partitions: number;
  messages: number;
  inPerSecond: number | null;
  replication?: TopicReplication;
};
/** What one stage's group consumed from one topic. */
export type ConsumeInput = { stage: Stage; topic: string; perSecond: number; lag: number; lagSeconds: number };

export type ConnectorInput = {
  name: string;
  /** Connect's state, or why it is not known */
  state: string;
  tasks: Array<{ id: number; state: string }>;
  reason: string | null;
  freshness: { kind: string; label: string } | null;
};

export type FlowInput = {
  tenant: string;
  connector: ConnectorInput;
  topics: TopicInput[];
  stages: StageInput[];
  consumes: ConsumeInput[];
};

export type FlowNode = {
  id: string;
  kind: NodeKind;
  label: string;
  sublabel: string;
  status: FlowStatus;
  reason: string;
  instances?: { alive: number; total: number };
  /** drawn in the branch lane beneath this node (the retry and dead-letter branch) */
  under?: string;
};

export type FlowEdge = {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** messages per second; null when not measurable yet */
  perSecond: number | null;
  lag?: number;
  lagSeconds?: number;
};

export type FlowGraph = { nodes: FlowNode[]; edges: FlowEdge[] };

const LAG_TO_FLOW: Record<string, FlowStatus> = {
  OK: "ok",
  WARN: "warn",
  STALL: "warn",
  REWIND: "warn",
  STOP: "err",
  ERR: "err",
  NO_DATA: "idle",
};

/** A stage with no heartbeating instance is down whatever its lag says: nobody consumes. */
export function stageStatus(stage: StageInput): { status: FlowStatus; reason: string } {
  if (stage.alive === 0) {
    const known = stage.total ? `0 of ${stage.total} instances heartbeating` : "no instance has ever heartbeated";
    return { status: "err", reason: `${known}${stage.lag > 0 ? `; ${stage.lag} messages waiting` : ""}` };
  }
  const status = LAG_TO_FLOW[stage.status] ?? "idle";
  const error = stage.lastError ? `; last error: ${stage.lastError}` : "";
  return { status, reason: `${stage.reason}${error}` };
}

export function connectorStatus(connector: ConnectorInput): { status: FlowStatus; reason: string } {
  const failedTasks = connector.tasks.filter((t) => t.state === "FAILED");
  if (connector.state === "FAILED" || failedTasks.length) {
    const which = failedTasks.length ? `task ${failedTasks.map((t) => t.id).join(", ")} FAILED` : "connector FAILED";
    return { status: "err", reason: connector.reason ? `${which}: ${connector.reason}` : which };
  }
  if (connector.state !== "RUNNING") {
    return {
      status: connector.state === "PAUSED" || connector.state === "STOPPED" ? "warn" : "err",
      reason: connector.reason ?? `connector is ${connector.state}`,
    };
  }
  if (connector.tasks.length === 0 || connector.tasks.some((t) => t.state !== "RUNNING")) {
    return {
      status: "warn",
      reason: `tasks: ${connector.tasks.map((t) => `${t.id} ${t.state}`).join(", ") || "none assigned"}`,
    };
  }
  if (connector.freshness?.kind === "behind") return { status: "warn", reason: connector.freshness.label };
  return { status: "ok", reason: connector.freshness?.label ?? "running" };
}

function topicStatus(topic: TopicInput): { status: FlowStatus; reason: string } {
  const replicas = topic.replication ? replicationProblem(topic.replication, topic.partitions) : null;
  if (replicas) return { status: replicas.severity, reason: replicas.reason };
  if (topic.role === "dlq" && topic.messages > 0)
    return { status: "warn", reason: `${topic.messages} dead-lettered messages` };
  return {
    status: topic.inPerSecond ? "ok" : "idle",
    reason: `${topic.messages} messages in ${topic.partitions} partitions`,
  };
}

const rateLabel = (perSecond: number | null) =>
  perSecond === null ? "rate pending" : `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s in`;

export function buildFlowGraph(input: FlowInput): FlowGraph {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const stageById = new Map(input.stages.map((s) => [s.stage, s]));
  const topicsByRole = (role: TopicRole) => input.topics.filter((t) => t.role === role);
  const edge = (
    from: string,
    to: string,
    kind: EdgeKind,
    perSecond: number | null,
    lag?: { lag: number; lagSeconds: number },
  ) => edges.push({ id: `${from}->${to}`, from, to, kind, perSecond, ...(lag ?? {}) });
  const consumed = (stage: Stage, topic: string) => input.consumes.find((c) => c.stage === stage && c.topic === topic);
  const consumeEdge = (topic: string, stage: Stage, kind: EdgeKind) => {
    const c = consumed(stage, topic);
    edge(
      `topic:${topic}`,
      `stage:${stage}`,
      kind,
      c ? c.perSecond : null,
      c ? { lag: c.lag, lagSeconds: c.lagSeconds } : undefined,
    );
  };

  const cdcTopics = topicsByRole("cdc");
  const capture = cdcTopics.every((t) => t.inPerSecond === null)
    ? null
    : cdcTopics.reduce((sum, t) => sum + (t.inPerSecond ?? 0), 0);
  nodes.push({
    id: "source",
    kind: "source",
    label: "Source DB",
    sublabel: input.tenant,
    status: "ok",
    reason: "the tenant's system of record",
  });
  nodes.push({
    id: "connector",
    kind: "connector",
    label: "CDC connector",
    sublabel: input.connector.state,
    ...connectorStatus(input.connector),
  });
  edge("source", "connector", "main", capture);

  const updatesId = topicsByRole("updates")[0] ? `topic:${topicsByRole("updates")[0]!.topic}` : undefined;
  const underOf: Partial<Record<TopicRole, string>> = { retry: "stage:update-processor", dlq: "target" };
  for (const topic of input.topics) {
    const under = underOf[topic.role];
    nodes.push({
      id: `topic:${topic.topic}`,
      kind: "topic",
      label: topic.topic.split(".").slice(2).join("."),
      sublabel: rateLabel(topic.inPerSecond),
      ...topicStatus(topic),
      ...(under ? { under } : {}),
    });
  }
  for (const stage of input.stages) {
    nodes.push({
      id: `stage:${stage.stage}`,
      kind: "processor",
      label: stage.stage,
      sublabel: `${stage.alive} of ${stage.total} healthy`,
      instances: { alive: stage.alive, total: stage.total },
      ...stageStatus(stage),
      ...(stage.stage === "retry-processor" && updatesId ? { under: updatesId } : {}),
    });
  }
  const update = stageById.get("update-processor");
  nodes.push({
    id: "target",
    kind: "target",
    label: "Target DB",
    sublabel: "entities + sync state",
    status: update && update.alive === 0 ? "warn" : "ok",
    reason:
      update && update.alive === 0
        ? "nothing applies changes while the update-processor is down"
        : "entities are applied idempotently",
  });

  for (const topic of cdcTopics) {
    edge("connector", `topic:${topic.topic}`, "main", topic.inPerSecond);
    consumeEdge(topic.topic, "cdc-processor", "main");
  }
  for (const topic of topicsByRole("updates")) {
    edge("stage:cdc-processor", `topic:${topic.topic}`, "main", topic.inPerSecond);
    consumeEdge(topic.topic, "update-processor", "main");
    const applied = consumed("update-processor", topic.topic);
    edge("stage:update-processor", "target", "main", applied ? applied.perSecond : null);
  }
  // one retry topic per delay tier: the retry-processor reads them all and feeds `updates` once
  const retryTopics = topicsByRole("retry");
  for (const topic of retryTopics) {
    edge("stage:update-processor", `topic:${topic.topic}`, "retry", topic.inPerSecond);
    consumeEdge(topic.topic, "retry-processor", "retry");
  }
  const updates = topicsByRole("updates")[0];
  if (updates && retryTopics.length) {
    const retried = retryTopics.map((topic) => consumed("retry-processor", topic.topic));
    const perSecond = retried.every((r) => !r) ? null : retried.reduce((sum, r) => sum + (r?.perSecond ?? 0), 0);
    edge("stage:retry-processor", `topic:${updates.topic}`, "retry", perSecond);
  }
  for (const topic of topicsByRole("dlq")) {
    // Both the update-processor (fatal errors) and the retry-processor (attempts exhausted) write
    // the DLQ; the topic's in-rate is their sum, shown on the branch from the retry side.
    edge("stage:update-processor", `topic:${topic.topic}`, "dlq", topic.inPerSecond);
    edge("stage:retry-processor", `topic:${topic.topic}`, "dlq", topic.inPerSecond);
  }
  const known = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => known.has(e.from) && known.has(e.to)) };
}

/** Worst status of a graph: the overview's one-glance colour for a tenant. */
export function worstStatus(graph: FlowGraph): { status: FlowStatus; reason: string } {
  const rank: Record<FlowStatus, number> = { err: 3, warn: 2, ok: 1, idle: 0 };
  const worst = graph.nodes.reduce<FlowNode | null>((w, n) => (!w || rank[n.status] > rank[w.status] ? n : w), null);
  return worst
    ? {
        status: worst.status,
        reason:
          worst.status === "ok" || worst.status === "idle"
            ? "every stage is healthy"
            : `${worst.label}: ${worst.reason}`,
      }
    : { status: "idle", reason: "nothing to show" };
}
