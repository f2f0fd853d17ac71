import { z } from "zod";
import { samplerInfo } from "./lag";
import { component, obj } from "./registry";

const flowStatus = z.enum(["ok", "warn", "err", "idle"]);
const stageName = z.enum(["cdc-processor", "update-processor", "retry-processor"]);

export const flowGraph = component(
  "FlowGraph",
  obj({
    nodes: z.array(
      obj({
        id: z.string(),
        kind: z.enum(["target", "source", "topic", "connector", "processor"]),
        label: z.string(),
        sublabel: z.string(),
        status: flowStatus,
        reason: z.string(),
        instances: obj({ alive: z.number(), total: z.number() }).optional(),
        under: z.string().optional(),
      }),
    ),
    edges: z.array(
      obj({
        id: z.string(),
        from: z.string(),
        to: z.string(),
        kind: z.enum(["retry", "dlq", "main"]),
        perSecond: z.number().nullable(),
        lag: z.number().optional(),
        lagSeconds: z.number().optional(),
      }),
    ),
  }),
  "A tenant's pipeline as nodes (source, connector, topics, processors, target) and edges with rates and lag",
);

export const flowOverview = obj({
  tenants: z.array(
    obj({
      slug: z.string(),
      name: z.string(),
      status: flowStatus,
      reason: z.string(),
      graph: flowGraph,
      connectorState: z.string(),
      freshness: z.string(),
    }),
  ),
});

const partitionReplicas = obj({
  leader: z.number().nullable(),
  replicas: z.array(z.number()),
  isr: z.array(z.number()),
  outOfSync: z.array(z.number()),
  underReplicated: z.boolean(),
  offline: z.boolean(),
});

const topicView = obj({
  topic: z.string(),
  role: z.enum(["retry", "dlq", "cdc", "updates"]),
  partitions: z.number(),
  messages: z.number(),
  inPerSecond: z.number().nullable(),
  replication: obj({ replicationFactor: z.number(), underReplicated: z.number(), offline: z.number() }).optional(),
  consumer: stageName.nullable(),
  partitionDetails: z.array(
    obj({
      partition: z.number(),
      messages: z.number(),
      end: z.number(),
      lag: z.number().nullable(),
      lagSeconds: z.number().nullable(),
      replicas: partitionReplicas.nullable(),
    }),
  ),
});

const instanceView = obj({
  instanceId: z.string(),
  host: z.string(),
  pid: z.number(),
  version: z.string(),
  lastBeatAt: z.string(),
  alive: z.boolean(),
  lastError: z.string().nullable(),
});

const stageView = obj({
  stage: stageName,
  status: z.string(),
  reason: z.string(),
  lag: z.number(),
  lagSeconds: z.number(),
  alive: z.number(),
  total: z.number(),
  lastError: z.string().nullable(),
  groupId: z.string(),
  members: z.number(),
  instanceList: z.array(instanceView),
});

const traceSummary = obj({
  exception: z.string(),
  message: z.string(),
  rootCause: z.string().nullable(),
  frames: z.number(),
});

const connectorView = obj({
  name: z.string(),
  state: z.string(),
  workerId: z.string().nullable(),
  trace: z.string().nullable(),
  summary: traceSummary.nullable(),
  reason: z.string().nullable(),
  tasks: z.array(
    obj({
      id: z.number(),
      state: z.string(),
      workerId: z.string(),
      trace: z.string().nullable(),
      summary: traceSummary.nullable(),
    }),
  ),
  freshness: obj({
    kind: z.enum(["unknown", "idle", "streaming", "behind", "stopped"]),
    ageSeconds: z.number().nullable(),
    label: z.string(),
  }),
  snapshot: obj({
    running: z.boolean(),
    rowsDone: z.number(),
    rowsTotal: z.number().nullable(),
    fraction: z.number().nullable(),
  }).nullable(),
  lastEventAt: z.string().nullable(),
});

export const tenantFlow = obj({
  tenant: obj({
    slug: z.string(),
    name: z.string(),
    status: z.string(),
    placement: z.string().describe('"dedicated", or the pool whose processors serve the tenant'),
  }),
  graph: flowGraph,
  topics: z.array(topicView),
  stages: z.array(stageView),
  connector: connectorView,
  sampler: samplerInfo,
  manageDeniedReason: z.string().nullable(),
  generatedAt: z.string(),
});

export const connectorAction = obj({
  connector: z.string(),
  action: z.enum(["restart", "pause", "resume", "restart-task"]),
  requested: z.boolean(),
});
