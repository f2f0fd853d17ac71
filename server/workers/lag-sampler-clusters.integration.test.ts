/**
 * One lag sampler over several Kafka clusters, against real brokers: two single-broker clusters
 * of this file's own (added as data, as an admin would) beside the integration setup's, each with
 * a consumer group of the same name. The sampler stores each cluster's lag under its cluster; one
 * cluster stopped is marked down — its groups ERR with the reason — within 15 s, while the other
 * keeps being sampled at its cadence; started again, it is up and its lag is back. A cluster that
 * accepts connections and never answers (a network that drops packets) is down within 15 s too,
 * and does not hold the others up while its requests wait for their timeouts.
 */
import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { logLevel, type Admin } from "kafkajs";
import { createKafka, createProducer } from "@/lib/kafka/client";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { listWatchedClusters } from "@/server/clusters/cluster-clients";
import { clusterRequest } from "@/server/clusters/cluster-input";
import { addCluster } from "@/server/clusters/clusters";
import { getPrisma } from "@/server/db/client";
import { getConsumerGroup, listConsumerGroups } from "@/server/lag/read-lag";
import { startTestKafkaCluster, type TestKafkaCluster } from "../../test/integration/kafka-cluster";
import { withThrowawayDatabase } from "../../test/integration/throwaway-database";
import { startLagSampler, type RunningSampler } from "./lag-sampler.worker";
import { lagSamplerClients } from "./registry";

withThrowawayDatabase("it_lag_clusters", { demo: false });

const INTERVAL_MS = 1_000;
const run = randomUUID().slice(0, 8);
const topic = `it.clusters.${run}`;
const groupId = `it.clusters.${run}.group`;
const admin: Viewer = {
  id: randomUUID(),
  email: "admin@it.test",
  name: "admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let east: TestKafkaCluster | undefined;
let west: TestKafkaCluster | undefined;
let sampler: RunningSampler | undefined;
/** accepts TCP connections and never answers them */
let silent: net.Server | undefined;
const held: net.Socket[] = [];
const lagOf = { east: 0, west: 0 };
const clients = lagSamplerClients(process.env);

/**
 * A topic of two partitions with 40 messages and the group's committed offsets `committed`; the
 * group's lag, from the end offsets the broker reports (a resent batch is counted as written).
 */
async function seedGroup(brokers: string, committed: [number, number]): Promise<number> {
  const kafka = createKafka({ ...process.env, KAFKA_BROKERS: brokers }, { logLevel: logLevel.NOTHING });
  const kafkaAdmin: Admin = kafka.admin();
  const producer = createProducer(kafka);
  await Promise.all([kafkaAdmin.connect(), producer.connect()]);
  try {
    await kafkaAdmin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, value: `m${i}` })),
    });
    await kafkaAdmin.setOffsets({
      groupId,
      topic,
      partitions: committed.map((offset, partition) => ({ partition, offset: String(offset) })),
    });
    const ends = await kafkaAdmin.fetchTopicOffsets(topic);
    return ends.reduce((sum, p) => sum + Number(p.high) - committed[p.partition]!, 0);
  } finally {
    await Promise.all([producer.disconnect(), kafkaAdmin.disconnect()]);
  }
}

const state = (clusterId: string) =>
  getPrisma().lagGroupState.findUnique({ where: { clusterId_groupId: { clusterId, groupId } } });
const clusterStatus = (clusterId: string) => getPrisma().kafkaClusterStatus.findUnique({ where: { clusterId } });
/** The times of the cluster's stored samples of the group, from `sinceMs` on. */
async function sampleTimes(clusterId: string, sinceMs: number): Promise<number[]> {
  const rows = await getPrisma().lagGroupSample.findMany({
    where: { clusterId, groupId, at: { gte: new Date(sinceMs) } },
    select: { at: true },
    orderBy: { at: "asc" },
  });
  return rows.map((r) => r.at.getTime());
}
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

beforeAll(async () => {
  [east, west] = await Promise.all([startTestKafkaCluster("east"), startTestKafkaCluster("west")]);
  // 20 messages a partition: group lag 25 on east (15 + 10 behind), 7 on west (3 + 4 behind)
  [lagOf.east, lagOf.west] = await Promise.all([seedGroup(east.brokers, [5, 10]), seedGroup(west.brokers, [17, 16])]);
  expect(lagOf.east).not.toBe(lagOf.west);
  for (const [id, cluster] of [
    ["east", east],
    ["west", west],
  ] as const)
    await addCluster(getPrisma(), clusterRequest.parse({ id, brokers: [cluster.brokers] }), async () => undefined);
}, 180_000);

afterAll(async () => {
  await sampler?.stop();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
  await clients.disconnectAll();
  await Promise.allSettled([east?.remove(), west?.remove()]);
});

it("samples every cluster from one sampler, each group's lag under its own cluster", async () => {
  const db = getPrisma();
  sampler = startLagSampler({
    databaseUrl: process.env.DATABASE_URL!,
    db,
    // as the worker does (server/workers/registry.ts): every cluster in the database, one client each
    clusters: async () =>
      (await listWatchedClusters(db)).map((cluster) => ({
        id: cluster.id,
        getAdmin: () => clients.admin(cluster),
        reset: () => clients.drop(cluster.id),
      })),
    intervalMs: INTERVAL_MS,
    log: () => undefined,
  });
  await expect
    .poll(async () => [Number((await state("east"))?.lag), Number((await state("west"))?.lag)], { timeout: 30_000 })
    .toEqual([lagOf.east, lagOf.west]);
  expect(await clusterStatus("east")).toMatchObject({ state: "up", reason: null });
  expect(await clusterStatus("west")).toMatchObject({ state: "up", reason: null });
  // each cluster keeps its own timer: the default one's first sample may come after the others'
  await expect.poll(async () => (await clusterStatus("default"))?.state, { timeout: 15_000 }).toBe("up");

  // The API names each group's cluster: the same group name on two clusters is two groups.
  const listed = await listConsumerGroups(admin, { q: groupId });
  expect(listed.groups.map((g) => [g.cluster, g.groupId, g.lag]).sort()).toEqual([
    ["east", groupId, lagOf.east],
    ["west", groupId, lagOf.west],
  ]);
  expect(listed.clusters.map((c) => [c.cluster, c.state])).toEqual([
    ["default", "up"],
    ["east", "up"],
    ["west", "up"],
  ]);
  expect((await getConsumerGroup(admin, groupId, { cluster: "west" })).group).toMatchObject({
    cluster: "west",
    lag: 7,
  });
});

it("marks a stopped cluster down within 15 s without slowing the other's sampling, and up again once it is back", async () => {
  // the other cluster's cadence while every cluster answers
  await sleep(6 * INTERVAL_MS);
  const baseline = gaps(await sampleTimes("west", Date.now() - 6 * INTERVAL_MS));

  const stopAskedAt = Date.now();
  await east!.stop();
  const stoppedAt = Date.now();
  await expect.poll(async () => (await clusterStatus("east"))?.state, { timeout: 15_000, interval: 200 }).toBe("down");
  const downAfterMs = Date.now() - stoppedAt;
  const down = (await clusterStatus("east"))!;
  expect(down.reason).toBeTruthy();
  expect(down.since.getTime()).toBeGreaterThanOrEqual(stopAskedAt);
  // its groups read ERR with the reason, in the API too
  expect(await state("east")).toMatchObject({ status: "ERR", reason: `cluster east is down: ${down.reason}` });
  const listed = await listConsumerGroups(admin, { q: groupId });
  expect(listed.groups.find((g) => g.cluster === "east")).toMatchObject({ status: "ERR" });
  expect(listed.clusters.find((c) => c.cluster === "east")).toMatchObject({ state: "down", reason: down.reason });

  // a cluster that never answers joins: down too, within 15 s of being added
  silent = net.createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent!.listen(0, "127.0.0.1", resolve));
  const silentBrokers = [`127.0.0.1:${(silent.address() as net.AddressInfo).port}`];
  await addCluster(getPrisma(), clusterRequest.parse({ id: "silent", brokers: silentBrokers }), async () => undefined);
  const addedAt = Date.now();
  await expect
    .poll(async () => (await clusterStatus("silent"))?.state, { timeout: 15_000, interval: 200 })
    .toBe("down");
  const silentDownAfterMs = Date.now() - addedAt;
  expect(held.length).toBeGreaterThan(0);

  // while east and the silent one stay down, west is sampled at the same cadence as before
  await sleep(8 * INTERVAL_MS);
  const during = gaps(await sampleTimes("west", stoppedAt));
  console.log(
    `east's broker took ${stoppedAt - stopAskedAt} ms to stop; east marked down ${downAfterMs} ms after that (since ${down.since.getTime() - stopAskedAt} ms after the stop began); the silent cluster down ${silentDownAfterMs} ms after it was added (${(await clusterStatus("silent"))?.reason}); west's gaps between samples: before ${JSON.stringify(baseline)} ms, while east is down ${JSON.stringify(during)} ms`,
  );
  expect(during.length).toBeGreaterThanOrEqual(6);
  expect(Math.max(...during)).toBeLessThan(2 * INTERVAL_MS);
  expect(Math.abs(median(during) - median(baseline))).toBeLessThan(INTERVAL_MS / 2);
  expect(await clusterStatus("west")).toMatchObject({ state: "up" });
  expect(await state("west")).toMatchObject({ status: expect.not.stringMatching(/^ERR$/) });

  await east!.start();
  await expect.poll(async () => (await clusterStatus("east"))?.state, { timeout: 30_000, interval: 250 }).toBe("up");
  await expect
    .poll(async () => {
      const row = await state("east");
      return row && { lag: Number(row.lag), reason: row.reason.startsWith("cluster east is down") };
    })
    .toEqual({ lag: lagOf.east, reason: false });
});

it("leads each cluster from one replica at a time: clusters spread over replicas, and one replica's clusters move when it stops", async () => {
  await sampler?.stop();
  sampler = undefined;
  const db = getPrisma();
  const watched = async () =>
    (await listWatchedClusters(db))
      .filter((c) => c.id !== "silent")
      .map((cluster) => ({
        id: cluster.id,
        getAdmin: () => clients.admin(cluster),
        reset: () => clients.drop(cluster.id),
      }));
  // the first replica watches only the default cluster and leads it; the second, started after, leads the others
  const first = startLagSampler({
    databaseUrl: process.env.DATABASE_URL!,
    db,
    clusters: async () => (await watched()).filter((c) => c.id === "default"),
    intervalMs: INTERVAL_MS,
    log: () => undefined,
  });
  await expect.poll(() => first.isLeader(), { timeout: 10_000 }).toBe(true);
  const second = startLagSampler({
    databaseUrl: process.env.DATABASE_URL!,
    db,
    clusters: watched,
    intervalMs: INTERVAL_MS,
    log: () => undefined,
  });
  try {
    const since = Date.now();
    await expect.poll(async () => (await sampleTimes("west", since)).length, { timeout: 15_000 }).toBeGreaterThan(2);
    expect(second.isLeader()).toBe(false);
    await first.stop();
    await expect.poll(() => second.isLeader(), { timeout: 15_000 }).toBe(true);
  } finally {
    await Promise.all([first.stop(), second.stop()]);
  }
});
