/**
 * The console's /api/metrics body from the real database: the sampler's evaluations of a tenant's
 * update-processor group are stored as the sampler stores them (lag-store.ts), then read back by
 * the route's server function and parsed as Prometheus text: per-group and per-partition lag with
 * tenant and stage, the status as a level, and the console process' own metrics.
 */
import { randomUUID } from "node:crypto";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { evaluateSnapshot, newSamplerMemory } from "./evaluate-snapshot";
import { saveEvaluation } from "./lag-store";
import { getMetricGroups, getPrometheusMetrics } from "./metrics";

const tenant = `it-prom-${randomUUID().slice(0, 8)}`;
const groupId = `sync.${tenant}.update-processor`;
const topic = `sync.${tenant}.updates`;

afterAll(async () => {
  await getPrisma().$executeRaw`DELETE FROM lag_group_state WHERE group_id = ${groupId}`;
  await getPrisma().$executeRaw`DELETE FROM lag_group_samples WHERE group_id = ${groupId}`;
  await disconnectPrisma();
});

type Sample = { value: string; labels?: Record<string, string> };
const samples = (families: ParsedFamily[], name: string): Sample[] =>
  (families.find((f) => f.name === name)?.metrics ?? []) as Sample[];
const ofGroup = (list: Sample[]) =>
  list.filter((s) => s.labels?.group === groupId && (s.labels.cluster ?? "default") === "default");

describe("the console's metrics", () => {
  it("export the stored lag evaluation per group and per partition, with a numeric status", async () => {
    // Partition 0 consumes but falls behind; partition 1 does not move while the member is connected: STALL.
    const memory = newSamplerMemory();
    const start = Date.now() - 20_000;
    let stored: ReturnType<typeof evaluateSnapshot> = [];
    for (let i = 0; i < 4; i++) {
      const atMs = start + i * 5_000;
      stored = evaluateSnapshot(memory, {
        atMs,
        endOffsets: new Map([
          [
            topic,
            new Map([
              [0, 100 + i * 50],
              [1, 80 + i * 10],
            ]),
          ],
        ]),
        groups: [
          {
            groupId,
            state: "Stable",
            members: 1,
            committed: new Map([
              [
                topic,
                new Map([
                  [0, 90 + i * 30],
                  [1, 70],
                ]),
              ],
            ]),
          },
        ],
      });
      await saveEvaluation(getPrisma(), atMs, stored);
    }
    const group = stored.find((g) => g.groupId === groupId)!;
    expect(group.status).toBe("STALL");
    // The same group name on another Kafka cluster, sampled later: a series of its own, labelled with its cluster.
    await saveEvaluation(getPrisma(), Date.now(), [{ ...group, lag: 999_999, status: "ERR" }], "staging-kafka");
    const exported = (await getMetricGroups()).groups.filter((g) => g.groupId === groupId);
    expect(exported.map((g) => [g.cluster, g.lag, g.status])).toEqual([
      ["default", group.lag, "STALL"],
      ["staging-kafka", 999_999, "ERR"],
    ]);

    const { contentType, body } = await getPrometheusMetrics();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(body);
    const labels = { cluster: "default", group: groupId, tenant, stage: "update-processor" };

    expect(ofGroup(samples(families, "syncdeck_consumer_group_status"))).toEqual([{ value: "2", labels }]);
    expect(ofGroup(samples(families, "syncdeck_consumer_group_lag_messages"))).toEqual([
      { value: String(group.lag), labels },
    ]);
    expect(group.lag).toBe(250 - 180 + (110 - 70));
    expect(ofGroup(samples(families, "syncdeck_consumer_group_members"))).toEqual([{ value: "1", labels }]);
    expect(Number(ofGroup(samples(families, "syncdeck_consumer_group_lag_seconds"))[0]?.value)).toBeGreaterThan(0);
    expect(Number(ofGroup(samples(families, "syncdeck_consumer_group_consume_rate"))[0]?.value)).toBeGreaterThan(0);

    expect(ofGroup(samples(families, "syncdeck_consumer_partition_lag_messages"))).toEqual([
      { value: "70", labels: { ...labels, topic, partition: "0" } },
      { value: "40", labels: { ...labels, topic, partition: "1" } },
    ]);
    expect(
      ofGroup(samples(families, "syncdeck_consumer_partition_status")).map((s) => [s.labels?.partition, s.value]),
    ).toEqual([
      ["0", "1"],
      ["1", "2"],
    ]);
    expect(ofGroup(samples(families, "syncdeck_consumer_partition_lag_seconds"))).toHaveLength(2);

    const lastSample = Number(samples(families, "syncdeck_lag_last_sample_timestamp_seconds")[0]?.value);
    // the newest sample of any group: this test's last one, or a later one other tests stored in the same database
    expect(lastSample).toBeGreaterThanOrEqual((start + 15_000) / 1000 - 0.001);
    expect(lastSample).toBeLessThanOrEqual(Date.now() / 1000);
    expect(samples(families, "syncdeck_process_resident_memory_bytes")).toHaveLength(1);
    expect(ofGroup(samples(families, "syncdeck_consumergroup_lag"))).toEqual([
      { value: "110", labels: { group: groupId, topic } },
    ]);
  });
});
