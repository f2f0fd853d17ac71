/**
 * The sampler's latest evaluation as Prometheus gauges (prom-client), built fresh for every scrape
 * so a group that went away has no series left. Names and the status levels: docs/production.md
 * "Metrics"; status levels: status-metric.ts.
 */
import { Gauge, Registry } from "prom-client";
import type { LagStatus } from "./burrow-status";
import { SEVERITY } from "./burrow-status";
import { groupLabels, statusLevel } from "./status-metric";

export type MetricPartition = { partition: number; lag: number; lagSeconds: number; status: string };

export type MetricGroup = {
  /** the Kafka cluster the group is on (`default`: the one KAFKA_BROKERS declares) */
  cluster: string;
  groupId: string;
  status: LagStatus;
  members: number;
  lag: number;
  lagSeconds: number;
  consumePerSecond: number;
  topics: Array<{
    topic: string;
    lag: number;
    lagSeconds: number;
    consumePerSecond: number;
    partitions: MetricPartition[];
  }>;
};

const GROUP_LABELS = ["cluster", "group", "tenant", "stage"] as const;
const PARTITION_LABELS = [...GROUP_LABELS, "topic", "partition"] as const;
const round3 = (value: number) => Number(value.toFixed(3));
const DEFAULT_CLUSTER = "default";

/** A Kafka cluster as the sampler last found it: up (1) or down (0). */
export type MetricCluster = { cluster: string; up: boolean };

export function lagRegistry(
  groups: readonly MetricGroup[],
  lastSampleAtMs: number | null,
  clusters: readonly MetricCluster[] = [],
): Registry {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

  const groupLag = gauge(
    "syncdeck_consumer_group_lag_messages",
    "Messages between the group's committed offsets and the ends of its topics.",
    GROUP_LABELS,
  );
  const groupLagSeconds = gauge(
    "syncdeck_consumer_group_lag_seconds",
    "Age of the group's oldest unconsumed message (its slowest partition).",
    GROUP_LABELS,
  );
  const groupRate = gauge(
    "syncdeck_consumer_group_consume_rate",
    "Messages per second the group commits past.",
    GROUP_LABELS,
  );
  const groupMembers = gauge("syncdeck_consumer_group_members", "Members of the group.", GROUP_LABELS);
  const groupStatus = gauge(
    "syncdeck_consumer_group_status",
    "Group status level: 0 OK; 1 WARN or REWIND (falling behind, over objective, held record overdue); 2 STALL, STOP or ERR.",
    GROUP_LABELS,
  );
  const partitionLag = gauge(
    "syncdeck_consumer_partition_lag_messages",
    "Messages between the partition's committed offset and its end.",
    PARTITION_LABELS,
  );
  const partitionLagSeconds = gauge(
    "syncdeck_consumer_partition_lag_seconds",
    "Age of the partition's oldest unconsumed message.",
    PARTITION_LABELS,
  );
  const partitionStatus = gauge(
    "syncdeck_consumer_partition_status",
    "Partition status level, as syncdeck_consumer_group_status.",
    PARTITION_LABELS,
  );

  // Names of earlier versions, kept until dashboards move to the names above (docs/production.md).
  const legacyLag = gauge(
    "syncdeck_consumergroup_lag",
    "Deprecated: syncdeck_consumer_group_lag_messages. Lag per group and topic.",
    ["group", "topic"],
  );
  const legacyLagSeconds = gauge(
    "syncdeck_consumergroup_lag_seconds",
    "Deprecated: syncdeck_consumer_group_lag_seconds. Lag in seconds per group and topic.",
    ["group", "topic"],
  );
  const legacyRate = gauge(
    "syncdeck_consumergroup_consume_rate",
    "Deprecated: syncdeck_consumer_group_consume_rate. Consume rate per group and topic.",
    ["group", "topic"],
  );
  const legacyStatus = gauge(
    "syncdeck_consumergroup_status",
    "Deprecated: syncdeck_consumer_group_status. 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP, 5 ERR, status also as a label.",
    ["group", "status"],
  );
  const legacyMembers = gauge("syncdeck_consumergroup_members", "Deprecated: syncdeck_consumer_group_members.", [
    "group",
  ]);

  for (const g of groups) {
    const labels = { cluster: g.cluster, ...groupLabels(g.groupId) };
    groupLag.set(labels, g.lag);
    groupLagSeconds.set(labels, round3(g.lagSeconds));
    groupRate.set(labels, round3(g.consumePerSecond));
    groupMembers.set(labels, g.members);
    groupStatus.set(labels, statusLevel(g.status));
    // the earlier names have no cluster label: the default cluster's groups only, as before
    const legacy = g.cluster === DEFAULT_CLUSTER;
    if (legacy) {
      legacyStatus.set({ group: g.groupId, status: g.status }, SEVERITY[g.status] ?? SEVERITY.ERR);
      legacyMembers.set({ group: g.groupId }, g.members);
    }
    for (const t of g.topics) {
      if (legacy) {
        legacyLag.set({ group: g.groupId, topic: t.topic }, t.lag);
        legacyLagSeconds.set({ group: g.groupId, topic: t.topic }, round3(t.lagSeconds));
        legacyRate.set({ group: g.groupId, topic: t.topic }, round3(t.consumePerSecond));
      }
      for (const p of t.partitions) {
        const at = { ...labels, topic: t.topic, partition: String(p.partition) };
        partitionLag.set(at, p.lag);
        partitionLagSeconds.set(at, round3(p.lagSeconds));
        partitionStatus.set(at, statusLevel(p.status));
      }
    }
  }
  const clusterUp = gauge(
    "syncdeck_kafka_cluster_up",
    "1 while the lag sampler reaches the Kafka cluster, 0 while it is down (its groups then read ERR).",
    ["cluster"],
  );
  for (const c of clusters) clusterUp.set({ cluster: c.cluster }, c.up ? 1 : 0);
  // absent rather than 0 before the sampler's first evaluation (a label-less gauge would show 0)
  if (lastSampleAtMs !== null) {
    gauge(
      "syncdeck_lag_last_sample_timestamp_seconds",
      "When the lag sampler last wrote its evaluation (Unix time).",
      [],
    ).set(lastSampleAtMs / 1000);
  }
  return registry;
}
