/**
 * The DLQ indexer's group commits what it stored, on the real broker and Postgres: it is stopped
 * while records are still arriving, more arrive while it is down, and after the restart every
 * offset is stored exactly once, the committed offsets never ran ahead of the stored rows, and the
 * group's committed offsets reach the end of every partition (so its lag is visible and a restart
 * does not re-read the topics).
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import { testKafka, testTenant, waitFor } from "@/pipeline/shared/testing";
import { startDlqIndexer, type RunningIndexer } from "./dlq-indexer.worker";

const tenant = testTenant("it-dlqc");
const topic = `sync.${tenant}.dlq`;
const groupId = `it-dlq-commit-${tenant}`;
const PARTITIONS = 3;

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let pool: pg.Pool;
let indexer: RunningIndexer | undefined;

const start = () =>
  startDlqIndexer({ kafka, databaseUrl: process.env.DATABASE_URL!, groupId, topicCheckMs: 500, log: () => undefined });

/** Writes rounds of records until `more` says stop; returns how many were written in all. */
async function produceRounds(from: number, perRound: number, more: (round: number) => boolean): Promise<number> {
  let written = from;
  for (let r = 0; more(r); r += 1) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: perRound }, (_, i) => ({
        partition: (written + i) % PARTITIONS,
        key: `member-${written + i}`,
        value: JSON.stringify({ n: written + i }),
        headers: { "sync-error-class": "TestFailure", "sync-error-message": `record ${written + i}` },
      })),
    });
    written += perRound;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return written;
}

async function committed(): Promise<Map<number, number>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

async function storedRows() {
  const { rows } = await pool.query<{ partition: number; offset: string; copies: number }>(
    `SELECT partition, "offset"::text AS offset, count(*)::int AS copies FROM dlq_messages WHERE topic = $1 GROUP BY 1, 2`,
    [topic],
  );
  return rows;
}

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
});

afterAll(async () => {
  await indexer?.stop();
  await admin?.deleteGroups([groupId]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await pool?.query("DELETE FROM dlq_messages WHERE topic = $1", [topic]).catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await pool?.end();
});

it("commits each stored batch, so a restart resumes where the rows end: no gap, no duplicate", async () => {
  indexer = start();
  // Records keep arriving in small rounds until three rounds after the indexer stopped.
  const progress: { round: number; stoppedAt?: number } = { round: 0 };
  const firstRun = produceRounds(0, 20, (r) => {
    progress.round = r;
    return progress.stoppedAt === undefined || r < progress.stoppedAt + 3;
  });
  await waitFor("some batches indexed", async () => (indexer!.indexed() >= 100 ? true : undefined), 60_000);
  progress.stoppedAt = progress.round;
  await indexer.stop();
  indexer = undefined;

  // What the stopped group committed is already stored: a commit never runs ahead of the rows.
  const afterStop = await committed();
  const storedByPartition = new Map<number, Set<number>>();
  for (const row of await storedRows()) {
    const set = storedByPartition.get(row.partition) ?? new Set<number>();
    set.add(Number(row.offset));
    storedByPartition.set(row.partition, set);
  }
  expect([...afterStop.values()].some((offset) => offset > 0)).toBe(true);
  for (const [partition, offset] of afterStop) {
    for (let o = 0; o < offset; o += 1)
      expect(storedByPartition.get(partition)?.has(o), `p${partition} offset ${o}`).toBe(true);
  }

  const written = await produceRounds(await firstRun, 30, (r) => r < 5);
  indexer = start();
  await waitFor(
    "every record indexed",
    async () => ((await storedRows()).length >= written ? true : undefined),
    60_000,
  );

  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  await expect.poll(committed, { timeout: 20_000 }).toEqual(ends);

  const rows = await storedRows();
  expect(rows.filter((r) => r.copies !== 1)).toEqual([]);
  for (const [partition, end] of ends) {
    const offsets = rows
      .filter((r) => r.partition === partition)
      .map((r) => Number(r.offset))
      .sort((a, b) => a - b);
    expect(offsets).toEqual(Array.from({ length: end }, (_, i) => i));
  }
  expect(rows.length).toBe(written);
});
