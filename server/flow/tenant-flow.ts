import "server-only";
import { isPoolName } from "@/lib/contract/placement";
import { tenantPlatform, type TenantPlatform } from "@/server/clusters/tenant-platform";
import { LIVE_STATUSES } from "@/server/tenants/lifecycle";
import type { Viewer } from "@/server/auth/access";
import { decideAccess, tenantsWith } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";
import { HEARTBEAT_FRESH_MS } from "@/server/health/tenant-pipeline";
import { retryRetriable } from "@/lib/kafka/client";
import type { TopicLag } from "@/server/lag/evaluate-snapshot";
import { getSamplerInfo, type SamplerInfo } from "@/server/lag/read-lag";
import { recentRate, type SumSample } from "@/server/lag/throughput";
import { consumerGroup, STAGES, tenantTopics, type Stage } from "@/lib/contract/topics";
import { readConnector, type ConnectorView } from "./connector-state";
import {
  buildFlowGraph,
  worstStatus,
  type ConsumeInput,
  type FlowGraph,
  type FlowStatus,
  type StageInput,
  type TopicInput,
  type TopicRole,
} from "./flow-graph";
import { topicReplication, type PartitionReplicas } from "./replication";
import { readTopicPartitions } from "./topic-partitions";
import type { Tenant } from "@/server/auth/resolve-tenant";
import { TopicRateMemory } from "./topic-rates";

export type PartitionView = {
  partition: number;
  messages: number;
  end: number;
  lag: number | null;
  lagSeconds: number | null;
  replicas: PartitionReplicas | null;
};
export type TopicView = TopicInput & { consumer: Stage | null; partitionDetails: PartitionView[] };
export type InstanceView = {
  instanceId: string;
  host: string;
  pid: number;
  version: string;
  lastBeatAt: string;
  alive: boolean;
  lastError: string | null;
};
export type StageView = StageInput & { groupId: string; members: number; instanceList: InstanceView[] };

export type TenantFlow = {
  /** `placement`: "dedicated", or the pool whose processors serve the tenant */
  tenant: { slug: string; name: string; status: string; placement: string };
  graph: FlowGraph;
  topics: TopicView[];
  stages: StageView[];
  connector: ConnectorView;
  sampler: SamplerInfo;
  /** why the viewer may not pause/resume/restart the connector here; null when they may */
  manageDeniedReason: string | null;
  generatedAt: string;
};

/** Which stage's group reads each kind of topic; the DLQ is read by nobody (people replay it). */
const CONSUMER: Record<TopicRole, Stage | null> = {
  cdc: "cdc-processor",
  updates: "update-processor",
  retry: "retry-processor",
  dlq: null,
};
const RATE_WINDOW_MS = 30_000;
const rates = new TopicRateMemory();

function roleOf(slug: string, topic: string): TopicRole | null {
  const names = tenantTopics(slug);
  if (names.cdcPattern.test(topic)) return "cdc";
  if (topic === names.updates) return "updates";
  if (names.retryPattern.test(topic)) return "retry";
  if (topic === names.dlq) return "dlq";
  return null; // e.g. the connector's heartbeat topic: not part of the data flow
}

type StateRow = {
  group_id: string;
  status: string;
  reason: string;
  lag: bigint;
  lag_seconds: number;
  members: number;
  topics: TopicLag[];
};
type SampleRow = { at: Date; group_id: string; topic: string; end_sum: bigint; committed_sum: bigint };

async function topicOffsets(slug: string, platform: TenantPlatform) {
  const admin = await platform.admin();
  const prefix = tenantTopics(slug).prefix;
  const names = (await retryRetriable(() => admin.listTopics()))
    .filter((t) => t.startsWith(prefix) && roleOf(slug, t) !== null)
    .sort();
  return readTopicPartitions(admin, names);
}

/** The flow of a tenant resolved for the viewer with flow.read. */
export async function getTenantFlow(viewer: Viewer, tenant: Tenant): Promise<TenantFlow> {
  const slug = tenant.slug;
  const prisma = getPrisma();
  const groupIds = STAGES.map((stage) => consumerGroup(slug, stage));
  // the tenant's pipeline runs on its environment's Kafka cluster (and its Connect)
  const platform = await tenantPlatform(tenant);
  const cluster = platform.cluster;
  const [offsets, states, samples, heartbeats, sampler] = await Promise.all([
    topicOffsets(slug, platform),
    prisma.$queryRaw<
      StateRow[]
    >`SELECT group_id, status, reason, lag, lag_seconds, members, topics FROM lag_group_state WHERE cluster_id = ${cluster} AND group_id = ANY(${groupIds}::text[])`,
    prisma.$queryRaw<SampleRow[]>`
      SELECT at, group_id, topic, end_sum, committed_sum FROM lag_group_samples
      WHERE cluster_id = ${cluster} AND group_id = ANY(${groupIds}::text[]) AND at > now() - interval '2 minutes' ORDER BY at`,
    prisma.processorHeartbeat.findMany({ where: { tenant: slug }, orderBy: { instanceId: "asc" } }),
    getSamplerInfo(),
  ]);
  const now = Date.now();
  const stateOf = new Map(states.map((s) => [s.group_id, s]));
  const series = (groupId: string, topic: string, pick: (r: SampleRow) => bigint): SumSample[] =>
    samples
      .filter((r) => r.group_id === groupId && r.topic === topic)
      .map((r) => ({ atMs: r.at.getTime(), sum: Number(pick(r)) }));
  const sampledRate = (s: SumSample[]) => (s.length > 1 ? recentRate(s, RATE_WINDOW_MS) : null);

  const consumes: ConsumeInput[] = [];
  const topics: TopicView[] = offsets.map(({ topic, partitions }) => {
    const role = roleOf(slug, topic)!;
    const consumer = CONSUMER[role];
    const groupId = consumer ? consumerGroup(slug, consumer) : null;
    const lag = groupId ? stateOf.get(groupId)?.topics.find((t) => t.topic === topic) : undefined;
    const endSum = partitions.reduce((sum, p) => sum + p.high, 0);
    const remembered = rates.observe(topic, endSum, now);
    const inPerSecond = (groupId ? sampledRate(series(groupId, topic, (r) => r.end_sum)) : null) ?? remembered;
    if (consumer && groupId) {
      const perSecond = sampledRate(series(groupId, topic, (r) => r.committed_sum));
      if (perSecond !== null || lag)
        consumes.push({
          stage: consumer,
          topic,
          perSecond: perSecond ?? 0,
          lag: lag?.lag ?? 0,
          lagSeconds: lag?.lagSeconds ?? 0,
        });
    }
    const partitionDetails = partitions
      .map((p): PartitionView => {
        const lagged = lag?.partitions.find((l) => l.partition === p.partition);
        return {
          partition: p.partition,
          messages: p.high - p.low,
          end: p.high,
          lag: lagged?.lag ?? null,
          lagSeconds: lagged?.lagSeconds ?? null,
          replicas: p.replicas,
        };
      })
      .sort((a, b) => a.partition - b.partition);
    return {
      topic,
      role,
      consumer,
      inPerSecond,
      replication: topicReplication(partitionDetails.flatMap((p) => (p.replicas ? [p.replicas] : []))),
      partitions: partitions.length,
      messages: partitionDetails.reduce((sum, p) => sum + p.messages, 0),
      partitionDetails,
    };
  });

  const stages: StageView[] = STAGES.map((stage) => {
    const groupId = consumerGroup(slug, stage);
    const state = stateOf.get(groupId);
    const beats = heartbeats.filter((h) => h.stage === stage && servesNow(h.instanceId, tenant.placement));
    const instanceList = beats.map((h): InstanceView => ({
      instanceId: h.instanceId,
      host: h.host,
      pid: h.pid,
      version: h.version,
      lastBeatAt: h.lastBeatAt.toISOString(),
      alive: now - h.lastBeatAt.getTime() < HEARTBEAT_FRESH_MS,
      lastError: h.lastError,
    }));
    const alive = instanceList.filter((i) => i.alive);
    const status = !state ? "NO_DATA" : sampler.stale ? "ERR" : state.status;
    const reason = !state
      ? "no committed offsets yet"
      : sampler.stale
        ? `lag data is stale: ${sampler.error ?? "the sampler has not run recently"}`
        : state.reason;
    return {
      stage,
      groupId,
      status,
      reason,
      instanceList,
      lag: Number(state?.lag ?? 0),
      lagSeconds: state?.lag_seconds ?? 0,
      members: state?.members ?? 0,
      alive: alive.length,
      total: beats.length,
      lastError: alive.find((i) => i.lastError)?.lastError ?? null,
    };
  });

  const cdc = topics.filter((t) => t.role === "cdc");
  const capturePerSecond = cdc.some((t) => t.inPerSecond !== null)
    ? cdc.reduce((sum, t) => sum + (t.inPerSecond ?? 0), 0)
    : null;
  const connector = await readConnectorSafely(
    platform,
    slug,
    { capturePerSecond, cdcMessages: cdc.reduce((sum, t) => sum + t.messages, 0) },
    now,
  );
  const graph = buildFlowGraph({
    tenant: slug,
    connector: {
      name: connector.name,
      state: connector.state,
      tasks: connector.tasks,
      reason: connector.reason,
      freshness: connector.freshness,
    },
    topics: topics.map(({ topic, role, partitions, messages, inPerSecond, replication }) => ({
      topic,
      role,
      partitions,
      messages,
      inPerSecond,
      replication,
    })),
    stages,
    consumes,
  });
  const manage = decideAccess(viewer, "connector.manage", tenant.id);
  return {
    tenant: { slug: tenant.slug, name: tenant.name, status: tenant.status, placement: tenant.placement },
    graph,
    topics,
    stages,
    connector,
    sampler,
    manageDeniedReason: manage.allowed ? null : manage.reason,
    generatedAt: new Date(now).toISOString(),
  };
}

async function readConnectorSafely(
  platform: TenantPlatform,
  slug: string,
  facts: { capturePerSecond: number | null; cdcMessages: number },
  now: number,
): Promise<ConnectorView> {
  try {
    return await readConnector(platform.connect(), slug, facts, now);
  } catch (error) {
    const reason = (error as Error).message;
    return {
      name: `sync.${slug}.cdc`,
      state: "UNREACHABLE",
      workerId: null,
      trace: null,
      summary: null,
      reason,
      tasks: [],
      snapshot: null,
      lastEventAt: null,
      freshness: { kind: "unknown", ageSeconds: null, label: reason },
    };
  }
}

export type FlowOverviewRow = {
  slug: string;
  name: string;
  status: FlowStatus;
  reason: string;
  graph: FlowGraph;
  connectorState: string;
  freshness: string;
};

/** Every tenant whose flow the viewer may read, each with its graph and worst status. */
export async function getFlowOverview(viewer: Viewer): Promise<{ tenants: FlowOverviewRow[] }> {
  const scope = tenantsWith(viewer, "flow.read");
  const tenants = await getPrisma().tenant.findMany({
    where: { status: { in: [...LIVE_STATUSES] }, ...(scope === "all" ? {} : { id: { in: scope } }) },
    orderBy: { name: "asc" },
    take: 50,
  });
  const flows = await Promise.all(tenants.map((t) => getTenantFlow(viewer, t)));
  return {
    tenants: flows.map((flow) => ({
      slug: flow.tenant.slug,
      name: flow.tenant.name,
      ...worstStatus(flow.graph),
      graph: flow.graph,
      connectorState: flow.connector.state,
      freshness: flow.connector.freshness.label,
    })),
  };
}

/**
 * Whether a heartbeat row is from what serves the tenant now: a pool's processors beat for each
 * tenant as `<instance>/<tenant>`, dedicated ones under their own instance id. Rows left by the
 * other kind (the tenant moved since) are history, not silent instances.
 */
const servesNow = (instanceId: string, placement: string) => instanceId.includes("/") === isPoolName(placement);
