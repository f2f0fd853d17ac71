/**
 * The DLQ work per Kafka cluster, with a second broker of the test's own: a tenant whose
 * environment is on that cluster has its dead letters indexed from there, and its replay jobs are
 * taken only by that cluster's replay worker (which produces there), never by the default one's.
 */
import { randomUUID } from "node:crypto";
import { logLevel } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { getPrisma } from "@/server/db/client";
import { startTestKafkaCluster, type TestKafkaCluster } from "@/test/integration/kafka-cluster";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { testKafka, testTenant, waitFor } from "@/pipeline/shared/testing";
import { startDlqPerCluster } from "./dlq-clusters";
import { startReplayWorker } from "./dlq-replay.worker";

const run = randomUUID().slice(0, 6);
const tenant = testTenant("it-dlq-c2");
const topic = `sync.${tenant}.dlq`;
const quiet = { logLevel: logLevel.NOTHING };
let cluster: TestKafkaCluster;
let work: ReturnType<typeof startDlqPerCluster> | undefined;

withThrowawayDatabase("it_dlq_clusters", { demo: false });

beforeAll(async () => {
  cluster = await startTestKafkaCluster("it-dlq-c2");
  const db = getPrisma();
  await db.kafkaCluster.create({ data: { id: `c2-${run}`, name: "Second", brokers: [cluster.brokers] } });
  await db.environment.create({
    data: { id: `env-${run}`, name: "On c2", driver: "local", kafkaClusterId: `c2-${run}` },
  });
  await db.tenant.create({ data: { slug: tenant, name: tenant, status: "ACTIVE", environmentId: `env-${run}` } });
  const kafka = createKafka({ KAFKA_BROKERS: cluster.brokers }, quiet);
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 5 }, (_, i) => ({
      key: `member-${i}`,
      value: JSON.stringify({ n: i }),
      headers: { "sync-error-class": "TestFailure", "sync-error-message": `record ${i}` },
    })),
  });
  await Promise.all([admin.disconnect(), producer.disconnect()]);
}, 120_000);

afterAll(async () => {
  await work?.stop();
  await cluster?.remove();
});

describe("DLQ work per Kafka cluster", () => {
  it("indexes a tenant's dead letters from its environment's cluster", async () => {
    work = startDlqPerCluster({
      db: getPrisma(),
      env: process.env,
      databaseUrl: process.env.DATABASE_URL!,
      createKafka: (env) => createKafka(env, quiet),
      groupId: `it-dlq-clusters-${run}`,
      checkMs: 500,
      log: () => undefined,
    });
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      await waitFor(
        "the second cluster's 5 dead letters indexed",
        async () => {
          const { rows } = await pool.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM dlq_messages WHERE topic = $1",
            [topic],
          );
          return rows[0]!.n === 5 ? true : undefined;
        },
        60_000,
      );
    } finally {
      await pool.end();
    }
  });

  it("gives the tenant's replay job to its cluster's replay worker only", async () => {
    const job = await getPrisma().dlqReplayJob.create({
      data: { tenant, target: "source", selection: { ids: [] }, ratePerSec: 10, total: 0, createdBy: "it@test" },
    });
    const onDefault = startReplayWorker({
      kafka: testKafka(),
      databaseUrl: process.env.DATABASE_URL!,
      cluster: "default",
      pollMs: 3_600_000,
    });
    const onSecond = startReplayWorker({
      kafka: createKafka({ KAFKA_BROKERS: cluster.brokers }, quiet),
      databaseUrl: process.env.DATABASE_URL!,
      cluster: `c2-${run}`,
      pollMs: 3_600_000,
    });
    try {
      expect(await onDefault.runOnce()).toBe(false);
      expect((await getPrisma().dlqReplayJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
      await onSecond.runOnce().catch(() => true);
      expect((await getPrisma().dlqReplayJob.findUniqueOrThrow({ where: { id: job.id } })).status).not.toBe("queued");
    } finally {
      await Promise.all([onDefault.stop(), onSecond.stop()]);
    }
  });
});
