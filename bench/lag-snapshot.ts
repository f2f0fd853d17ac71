/**
 * `npm run bench:lag`: 2,000 partitions over 100 topics and 200 consumer groups with committed
 * offsets on a local broker (its own, unless KAFKA_BROKERS is set), then times full snapshots
 * (all end offsets + all committed offsets + evaluation) against the naive per-group loop that
 * consoles run on page load. Then a second broker of its own with the same topics and groups, and
 * both clusters' snapshots taken at once, as the sampler takes them (one timer per cluster). Last lines:
 *   lag-snapshot: <G> groups, <P> partitions, p95 <x> ms (naive per-group baseline <y> ms, ratio <r>)
 *   lag-snapshot two clusters: 2 × <G> groups, 2 × <P> partitions, p95 per snapshot <a> ms and <b> ms (at once)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin } from "kafkajs";
import { createKafka, createProducer, retryRetriable } from "@/lib/kafka/client";
import { readOffsetSnapshot, type OffsetSnapshot } from "../server/lag/offset-snapshot";
import { evaluatePartition } from "../server/lag/burrow-status";
import { mapConcurrent } from "../server/lib/map-concurrent";
import { startKafka } from "../scripts/stack/kafka";
import { percentile, timeIt } from "./stats";

const TOPICS = 100;
const PARTITIONS_PER_TOPIC = 20;
const GROUPS = 200;
const RUNS = 20;
const NAIVE_RUNS = 3;
const prefix = "bench.lag";

async function setUp(admin: Admin, env: NodeJS.ProcessEnv = process.env) {
  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}.t${String(i).padStart(3, "0")}`);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length) {
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS_PER_TOPIC })),
      waitForLeaders: true,
    });
  }
  const producer = createProducer(createKafka(env, { logLevel: logLevel.NOTHING }));
  await producer.connect();
  // Leaders of just-created partitions can take longer than kafkajs' retries on a busy machine: try a topic again.
  const send = async (topic: string, attempt = 1): Promise<void> => {
    try {
      await producer.send({
        topic,
        messages: Array.from({ length: PARTITIONS_PER_TOPIC * 5 }, (_, i) => ({
          partition: i % PARTITIONS_PER_TOPIC,
          value: "x",
        })),
      });
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await send(topic, attempt + 1);
    }
  };
  await mapConcurrent(topics, 8, (topic) => send(topic));
  await producer.disconnect();
  const groups = Array.from({ length: GROUPS }, (_, i) => ({
    groupId: `${prefix}.g${String(i).padStart(3, "0")}`,
    topic: topics[i % TOPICS]!,
  }));
  await mapConcurrent(groups, 25, ({ groupId, topic }) =>
    retryRetriable(() =>
      admin.setOffsets({
        groupId,
        topic,
        partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, p) => ({ partition: p, offset: String(p % 5) })),
      }),
    ),
  );
}

function evaluate(snapshot: OffsetSnapshot): number {
  let partitions = 0;
  for (const group of snapshot.groups) {
    for (const [topic, committed] of group.committed) {
      const ends = snapshot.endOffsets.get(topic);
      for (const [partition, offset] of committed) {
        evaluatePartition(
          [{ atMs: snapshot.atMs, committed: offset, end: ends?.get(partition) ?? offset }],
          group.members > 0,
        );
        partitions += 1;
      }
    }
  }
  return partitions;
}

/** What consoles do on page load: for each group in turn, its offsets, then each topic's end offsets. */
async function naiveSnapshot(admin: Admin): Promise<void> {
  const { groups } = await admin.listGroups();
  for (const { groupId } of groups) {
    await admin.describeGroups([groupId]);
    const offsets = await retryRetriable(() => admin.fetchOffsets({ groupId }));
    for (const { topic } of offsets) await admin.fetchTopicOffsets(topic);
  }
}

async function main() {
  let stopKafka: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!process.env.KAFKA_BROKERS) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-bench-lag-"));
    const kafka = await startKafka({ dataDir });
    process.env.KAFKA_BROKERS = kafka.brokers;
    stopKafka = kafka.stop;
  }
  const admin = createKafka(process.env, { logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const setupMs = await timeIt(() => setUp(admin));
    console.log(
      `set up ${TOPICS} topics × ${PARTITIONS_PER_TOPIC} partitions and ${GROUPS} groups in ${(setupMs / 1000).toFixed(1)} s`,
    );
    await readOffsetSnapshot(admin); // warm-up: metadata and connections
    const times: number[] = [];
    let partitions = 0;
    let groups = 0;
    let groupPartitions = 0;
    for (let i = 0; i < RUNS; i += 1) {
      times.push(
        await timeIt(async () => {
          const snapshot = await readOffsetSnapshot(admin);
          groups = snapshot.groups.length;
          groupPartitions = evaluate(snapshot);
          partitions = [...snapshot.endOffsets.values()].reduce((sum, p) => sum + p.size, 0);
        }),
      );
    }
    const naive: number[] = [];
    for (let i = 0; i < NAIVE_RUNS; i += 1) naive.push(await timeIt(() => naiveSnapshot(admin)));
    const p95 = percentile(times, 95);
    const naiveMedian = percentile(naive, 50);
    console.log(`evaluated ${groupPartitions} group-partition pairs per snapshot`);
    console.log(
      `snapshot p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${RUNS} runs; naive median ${naiveMedian.toFixed(0)} ms over ${NAIVE_RUNS} runs`,
    );
    console.log(
      `lag-snapshot: ${groups} groups, ${partitions} partitions, p95 ${p95.toFixed(0)} ms (naive per-group baseline ${naiveMedian.toFixed(0)} ms, ratio ${(naiveMedian / p95).toFixed(1)})`,
    );
    await twoClusters(admin);
  } finally {
    await admin.disconnect();
    await stopKafka?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A second single-broker cluster with the same topics and groups; both snapshotted at once, each
 * timed on its own: what the sampler does with two clusters (its loops never wait on each other).
 */
async function twoClusters(first: Admin): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-bench-lag-second-"));
  const second = await startKafka({ dataDir });
  const env = { ...process.env, KAFKA_BROKERS: second.brokers };
  const admin = createKafka(env, { logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await setUp(admin, env);
    await readOffsetSnapshot(admin); // warm-up
    const times: [number[], number[]] = [[], []];
    const shape = { groups: [0, 0], partitions: [0, 0] };
    for (let i = 0; i < RUNS; i += 1) {
      await Promise.all(
        [first, admin].map(async (clusterAdmin, c) => {
          times[c]!.push(
            await timeIt(async () => {
              const snapshot = await readOffsetSnapshot(clusterAdmin);
              evaluate(snapshot);
              shape.groups[c] = snapshot.groups.length;
              shape.partitions[c] = [...snapshot.endOffsets.values()].reduce((sum, p) => sum + p.size, 0);
            }),
          );
        }),
      );
    }
    const [a, b] = times.map((t) => percentile(t, 95).toFixed(0));
    console.log(
      `lag-snapshot two clusters: ${shape.groups.join(" + ")} groups, ${shape.partitions.join(" + ")} partitions, p95 per snapshot ${a} ms and ${b} ms (both at once, ${RUNS} runs)`,
    );
  } finally {
    await admin.disconnect();
    await second.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
