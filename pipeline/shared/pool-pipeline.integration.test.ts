/**
 * The whole pipeline pooled, against the real broker and Postgres: one cdc-, one update- and one
 * retry-processor serve three tenants. Each tenant's claim that arrives before its member goes the
 * retry path (tier topic, its own sync-* headers) and is applied once the member is there; each
 * tenant's malformed row reaches its own DLQ; every trail row names its own tenant.
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantTopics } from "@/lib/contract/topics";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { cdcProcessorStage } from "../cdc-processor/stage";
import { retryProcessorStage } from "../retry-processor/stage";
import { updateProcessorStage } from "../update-processor/stage";
import { startProcessor, type RunningProcessor } from "./runner";
import { readTopic, testKafka, testTenant, waitFor } from "./testing";

const tenants = [testTenant("it-pp"), testTenant("it-pp"), testTenant("it-pp")];
// retried every 300 ms until the member is there (the default attempts would dead-letter it first)
const env = { ...process.env, RETRY_DELAYS_MS: "300", RETRY_MAX_ATTEMPTS: "100", HEARTBEAT_INTERVAL_MS: "500" };
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let db: pg.Pool;
const processors: RunningProcessor[] = [];

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await Promise.all([admin.connect(), producer.connect()]);
  for (const tenant of tenants) await ensureTenantTopics(admin, tenant, 2, env);
  await waitFor("the tenants' topics to be listed", async () => {
    const listed = new Set(await admin.listTopics());
    return tenants.every((t) => listed.has(tenantTopics(t).updates)) ? true : undefined;
  });
});

afterAll(async () => {
  await Promise.all(processors.map((p) => p.stop()));
  await producer?.disconnect();
  await admin?.disconnect();
  await db?.end();
});

const source = (tenant: string, lsn: number) => ({
  connector: "postgresql",
  name: tenant,
  ts_ms: Date.now(),
  db: "source",
  schema: "public",
  lsn,
  txId: 1,
});
const memberRow = {
  member_id: "m-1",
  first_name: "Ada",
  last_name: "Lovelace",
  date_of_birth: 7_648,
  address_line: "1 Main St",
  city: "Springfield",
  state: "IL",
  postal_code: "62701",
  plan_id: "P-1",
  status: "ACTIVE",
  version: 1,
};
const claimRow = {
  claim_id: "c-1",
  member_id: "m-1",
  ndc: "00093715301",
  drug_name: "Atorvastatin 20 mg",
  pharmacy_id: "PH-1",
  quantity: 30,
  days_supply: 30,
  amount_billed: "12.50",
  amount_paid: "10.00",
  status: "PAID",
  fill_date: 20_412,
  version: 2,
};

describe("a pooled pipeline", () => {
  it("routes each tenant's early claim through its retry tier and malformed row to its DLQ", async () => {
    const args = ["--pool", "pool-it-pipeline", "--tenants", tenants.join(",")];
    for (const stage of [cdcProcessorStage, updateProcessorStage, retryProcessorStage])
      processors.push(await startProcessor(stage, args, env));

    await producer.sendBatch({
      acks: -1,
      topicMessages: tenants.map((tenant) => ({
        topic: tenantTopics(tenant).cdc("claims"),
        messages: [
          {
            key: '{"claim_id":"c-1"}',
            value: JSON.stringify({ before: null, after: claimRow, source: source(tenant, 2_000), op: "c" }),
          },
          {
            key: '{"claim_id":"c-bad"}',
            value: JSON.stringify({
              before: null,
              after: { ...claimRow, claim_id: "c-bad", ndc: "12-34" },
              source: source(tenant, 3_000),
              op: "c",
            }),
          },
        ],
      })),
    });
    for (const tenant of tenants) {
      const topics = tenantTopics(tenant);
      const [retry] = await readTopic(kafka, topics.retryTier(300), 1);
      expect(retry!.headers).toMatchObject({
        "sync-tenant": tenant,
        "sync-stage": "update-processor",
        "sync-original-topic": topics.updates,
        "sync-entity": "claim:c-1",
        "sync-error-class": "UnknownMember",
      });
      const dead = (await readTopic(kafka, topics.dlq, 1)).find((m) => m.key === '{"claim_id":"c-bad"}');
      expect(dead?.headers).toMatchObject({
        "sync-tenant": tenant,
        "sync-stage": "cdc-processor",
        "sync-error-class": "InvalidRow",
        "sync-entity": "claim:c-bad",
      });
    }

    await producer.sendBatch({
      acks: -1,
      topicMessages: tenants.map((tenant) => ({
        topic: tenantTopics(tenant).cdc("members"),
        messages: [
          {
            key: '{"member_id":"m-1"}',
            value: JSON.stringify({ before: null, after: memberRow, source: source(tenant, 1_000), op: "c" }),
          },
        ],
      })),
    });
    await waitFor(
      "every tenant's claim applied after its retry",
      async () => {
        const { rows } = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM target_claims WHERE tenant = ANY($1) AND claim_id = 'c-1'",
          [tenants],
        );
        return rows[0]!.n === tenants.length ? true : undefined;
      },
      60_000,
    );
    const { rows: trail } = await db.query<{ tenant: string; stage: string; outcome: string; n: number }>(
      `SELECT tenant, stage, outcome, count(*)::int AS n FROM event_trail
        WHERE tenant = ANY($1) AND entity_ref = 'claim:c-1' GROUP BY tenant, stage, outcome ORDER BY tenant, stage, outcome`,
      [tenants],
    );
    for (const tenant of tenants) {
      const own = trail.filter((r) => r.tenant === tenant).map(({ stage, outcome }) => `${stage}:${outcome}`);
      expect(own).toEqual(expect.arrayContaining(["retry-processor:produced", "update-processor:applied"]));
    }
  });
});
