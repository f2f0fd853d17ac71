/**
 * `npm run bench:lag`: 2,000 partitions over 100 topics and 200 consumer groups with committed
 * offsets on a local broker (its own, unless KAFKA_BROKERS is set), then times full snapshots
 * (all end offsets + all committed offsets + evaluation) against the naive per-group loop that
 * consoles run on page load. Last line:
 *   lag-snapshot: <G> groups, <P> partitions, p95 <x> ms (naive per-group baseline <y> ms, ratio <r>)
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

async function setUp(admin: Admin) {
  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}.t${String(i).padStart(3, "0")}`);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length) {
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS_PER_TOPIC })),
      waitForLeaders: true,
    });
  }
  const producer = createProducer(createKafka(process.env, { logLevel: logLevel.NOTHING }));
  await producer.connect();
  await mapConcurrent(topics, 8, (topic) =>
    producer.send({
      topic,
      messages: Array.from({ length: PARTITIONS_PER_TOPIC * 5 }, (_, i) => ({
        partition: i % PARTITIONS_PER_TOPIC,
        value: "x",
      })),
    }),
  );
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
  } finally {
    await admin.disconnect();
    await stopKafka?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
