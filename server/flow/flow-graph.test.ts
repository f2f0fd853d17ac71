import { describe, expect, it } from "vitest";
import { buildFlowGraph, stageStatus, worstStatus, type FlowInput, type StageInput } from "./flow-graph";

const stage = (name: StageInput["stage"], over: Partial<StageInput> = {}): StageInput => ({
  stage: name,
  status: "OK",
  reason: "consuming",
  lag: 0,
  lagSeconds: 0,
  alive: 1,
  total: 1,
  lastError: null,
  ...over,
});

const input = (over: Partial<FlowInput> = {}): FlowInput => ({
  tenant: "acme",
  connector: {
    name: "sync.acme.cdc",
    state: "RUNNING",
    tasks: [{ id: 0, state: "RUNNING" }],
    reason: null,
    freshness: { kind: "streaming", label: "streaming" },
  },
  topics: [
    { topic: "sync.acme.cdc.members", role: "cdc", partitions: 3, messages: 100, inPerSecond: 20 },
    { topic: "sync.acme.cdc.claims", role: "cdc", partitions: 3, messages: 100, inPerSecond: 30 },
    { topic: "sync.acme.updates", role: "updates", partitions: 3, messages: 200, inPerSecond: 50 },
    { topic: "sync.acme.retry.1s", role: "retry", partitions: 1, messages: 2, inPerSecond: 0.5 },
    { topic: "sync.acme.retry.10m", role: "retry", partitions: 1, messages: 1, inPerSecond: 0.1 },
    { topic: "sync.acme.dlq", role: "dlq", partitions: 1, messages: 0, inPerSecond: 0 },
  ],
  stages: [stage("cdc-processor"), stage("update-processor"), stage("retry-processor")],
  consumes: [
    { stage: "cdc-processor", topic: "sync.acme.cdc.members", perSecond: 20, lag: 3, lagSeconds: 0.2 },
    { stage: "cdc-processor", topic: "sync.acme.cdc.claims", perSecond: 30, lag: 1, lagSeconds: 0.1 },
    { stage: "update-processor", topic: "sync.acme.updates", perSecond: 49, lag: 7, lagSeconds: 0.4 },
    { stage: "retry-processor", topic: "sync.acme.retry.1s", perSecond: 0.4, lag: 2, lagSeconds: 1 },
    { stage: "retry-processor", topic: "sync.acme.retry.10m", perSecond: 0.1, lag: 1, lagSeconds: 300 },
  ],
  ...over,
});

describe("buildFlowGraph", () => {
  it("draws source → connector → cdc topics → processors → target with retry and DLQ branches", () => {
    const graph = buildFlowGraph(input());
    const ids = graph.edges.map((e) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "source->connector",
        "connector->topic:sync.acme.cdc.members",
        "topic:sync.acme.cdc.claims->stage:cdc-processor",
        "stage:cdc-processor->topic:sync.acme.updates",
        "topic:sync.acme.updates->stage:update-processor",
        "stage:update-processor->target",
        "stage:update-processor->topic:sync.acme.retry.1s",
        "topic:sync.acme.retry.1s->stage:retry-processor",
        "stage:update-processor->topic:sync.acme.retry.10m",
        "topic:sync.acme.retry.10m->stage:retry-processor",
        "stage:retry-processor->topic:sync.acme.updates",
        "stage:retry-processor->topic:sync.acme.dlq",
      ]),
    );
    expect(graph.edges.find((e) => e.id === "source->connector")!.perSecond).toBe(50);
    expect(graph.edges.find((e) => e.id === "topic:sync.acme.updates->stage:update-processor")).toMatchObject({
      perSecond: 49,
      lag: 7,
      lagSeconds: 0.4,
    });
    expect(graph.edges.find((e) => e.id === "stage:update-processor->target")!.perSecond).toBe(49);
    expect(graph.edges.filter((e) => e.kind === "dlq")).toHaveLength(2);
    // every tier feeds the updates topic through the one retry-processor: one edge, their sum
    const back = graph.edges.filter((e) => e.id === "stage:retry-processor->topic:sync.acme.updates");
    expect(back).toHaveLength(1);
    expect(back[0]!.perSecond).toBeCloseTo(0.5);
  });

  it("colours a topic by its replicas: under-replicated warns, a partition without leader errs", () => {
    const updates = (replication: { replicationFactor: number; underReplicated: number; offline: number }) =>
      buildFlowGraph(
        input({ topics: input().topics.map((t) => (t.role === "updates" ? { ...t, replication } : t)) }),
      ).nodes.find((n) => n.id === "topic:sync.acme.updates")!;
    expect(updates({ replicationFactor: 3, underReplicated: 0, offline: 0 })).toMatchObject({
      status: "ok",
      reason: "200 messages in 3 partitions",
    });
    expect(updates({ replicationFactor: 3, underReplicated: 2, offline: 0 })).toMatchObject({
      status: "warn",
      reason: "2 of 3 partitions under-replicated",
    });
    expect(updates({ replicationFactor: 1, underReplicated: 1, offline: 1 })).toMatchObject({
      status: "err",
      reason: "1 of 3 partitions offline (no leader)",
    });
  });

  it("has no rate (not zero) where nothing was measured yet", () => {
    const graph = buildFlowGraph(
      input({ consumes: [], topics: input().topics.map((t) => ({ ...t, inPerSecond: null })) }),
    );
    expect(graph.edges.every((e) => e.perSecond === null)).toBe(true);
  });

  it("shows a failed connector task in red with the reason", () => {
    const graph = buildFlowGraph(
      input({
        connector: {
          name: "c",
          state: "RUNNING",
          tasks: [{ id: 0, state: "FAILED" }],
          reason: "password authentication failed",
          freshness: null,
        },
      }),
    );
    expect(graph.nodes.find((n) => n.id === "connector")).toMatchObject({
      status: "err",
      reason: "task 0 FAILED: password authentication failed",
    });
  });
});

describe("stageStatus", () => {
  it("turns a stage with zero heartbeating instances red with the reason, whatever its lag status", () => {
    expect(stageStatus(stage("update-processor", { alive: 0, total: 2, lag: 40 }))).toEqual({
      status: "err",
      reason: "0 of 2 instances heartbeating; 40 messages waiting",
    });
    expect(stageStatus(stage("update-processor", { alive: 0, total: 0, status: "NO_DATA" }))).toEqual({
      status: "err",
      reason: "no instance has ever heartbeated",
    });
    const graph = buildFlowGraph(
      input({
        stages: [stage("cdc-processor"), stage("update-processor", { alive: 0, total: 1 }), stage("retry-processor")],
      }),
    );
    expect(graph.nodes.find((n) => n.id === "stage:update-processor")).toMatchObject({
      status: "err",
      instances: { alive: 0, total: 1 },
    });
    expect(worstStatus(graph)).toEqual({ status: "err", reason: "update-processor: 0 of 1 instances heartbeating" });
  });

  it("maps lag statuses to colours and keeps the last error", () => {
    expect(stageStatus(stage("cdc-processor", { status: "STALL", reason: "stalled" })).status).toBe("warn");
    expect(stageStatus(stage("cdc-processor", { status: "STOP" })).status).toBe("err");
    expect(stageStatus(stage("cdc-processor", { lastError: "boom" })).reason).toBe("consuming; last error: boom");
  });
});
