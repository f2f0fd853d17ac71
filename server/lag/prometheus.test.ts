import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { lagRegistry, type MetricGroup } from "./prometheus";

const groups: MetricGroup[] = [
  {
    cluster: "default",
    groupId: "sync.acme-health.update-processor",
    status: "STOP",
    members: 0,
    lag: 42,
    lagSeconds: 12.34567,
    consumePerSecond: 0,
    topics: [
      {
        topic: "sync.acme-health.updates",
        lag: 42,
        lagSeconds: 12.34567,
        consumePerSecond: 0,
        partitions: [
          { partition: 0, lag: 40, lagSeconds: 12.34567, status: "STOP" },
          { partition: 1, lag: 2, lagSeconds: 1, status: "OK" },
        ],
      },
    ],
  },
  {
    cluster: "default",
    groupId: 'odd"group',
    status: "WARN",
    members: 1,
    lag: 0,
    lagSeconds: 0,
    consumePerSecond: 3.25,
    topics: [],
  },
];

const samples = (families: ParsedFamily[], name: string) =>
  (families.find((f) => f.name === name)?.metrics ?? []) as Array<{ value: string; labels?: Record<string, string> }>;

describe("lagRegistry", () => {
  it("exports per-group and per-partition lag with tenant and stage, and the status as a level", async () => {
    const families = parsePrometheusTextFormat(await lagRegistry(groups, Date.UTC(2026, 11, 4, 12)).metrics());
    const acme = {
      cluster: "default",
      group: "sync.acme-health.update-processor",
      tenant: "acme-health",
      stage: "update-processor",
    };

    expect(samples(families, "syncdeck_consumer_group_lag_messages")).toContainEqual({ value: "42", labels: acme });
    expect(samples(families, "syncdeck_consumer_group_lag_seconds")).toContainEqual({ value: "12.346", labels: acme });
    expect(samples(families, "syncdeck_consumer_group_consume_rate")).toContainEqual({
      value: "3.25",
      labels: { cluster: "default", group: 'odd"group', tenant: "", stage: "" },
    });
    expect(samples(families, "syncdeck_consumer_group_members")).toContainEqual({ value: "0", labels: acme });
    expect(samples(families, "syncdeck_consumer_group_status")).toEqual([
      { value: "2", labels: acme },
      { value: "1", labels: { cluster: "default", group: 'odd"group', tenant: "", stage: "" } },
    ]);
    expect(samples(families, "syncdeck_consumer_partition_lag_messages")).toEqual([
      { value: "40", labels: { ...acme, topic: "sync.acme-health.updates", partition: "0" } },
      { value: "2", labels: { ...acme, topic: "sync.acme-health.updates", partition: "1" } },
    ]);
    expect(samples(families, "syncdeck_consumer_partition_status").map((s) => s.value)).toEqual(["2", "0"]);
    expect(samples(families, "syncdeck_lag_last_sample_timestamp_seconds")).toEqual([
      { value: String(Date.UTC(2026, 11, 4, 12) / 1000) },
    ]);
  });

  it("keeps the names of earlier versions", async () => {
    const text = await lagRegistry(groups, null).metrics();
    expect(text).toContain(
      'syncdeck_consumergroup_lag{group="sync.acme-health.update-processor",topic="sync.acme-health.updates"} 42\n',
    );
    expect(text).toContain(
      'syncdeck_consumergroup_lag_seconds{group="sync.acme-health.update-processor",topic="sync.acme-health.updates"} 12.346\n',
    );
    expect(text).toContain(
      'syncdeck_consumergroup_status{group="sync.acme-health.update-processor",status="STOP"} 4\n',
    );
    expect(text).toContain('syncdeck_consumergroup_members{group="odd\\"group"} 1\n');
    expect(text).not.toMatch(/^syncdeck_lag_last_sample_timestamp_seconds /m);
  });

  it("labels every series with its cluster: one group name on two clusters is two series, the old names keep the default's", async () => {
    const staging: MetricGroup = { ...groups[0]!, cluster: "staging", lag: 7, status: "OK", topics: [] };
    const registry = lagRegistry([groups[0]!, staging], null, [
      { cluster: "default", up: true },
      { cluster: "staging", up: false },
    ]);
    const families = parsePrometheusTextFormat(await registry.metrics());
    expect(samples(families, "syncdeck_consumer_group_lag_messages").map((s) => [s.labels?.cluster, s.value])).toEqual([
      ["default", "42"],
      ["staging", "7"],
    ]);
    expect(samples(families, "syncdeck_kafka_cluster_up")).toEqual([
      { value: "1", labels: { cluster: "default" } },
      { value: "0", labels: { cluster: "staging" } },
    ]);
    expect(samples(families, "syncdeck_consumergroup_members")).toEqual([
      { value: "0", labels: { group: "sync.acme-health.update-processor" } },
    ]);
  });
});
