/**
 * cdc-processor → update-processor against the real broker and Postgres: Debezium envelopes on
 * the tenant's CDC topics end up as target rows carrying the source commit time, keyed by member
 * id on the updates topic; a malformed row goes to the DLQ with its reason; Kafka tombstones are
 * skipped; each stage leaves its trail.
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { startProcessor, type RunningProcessor } from "../shared/runner";
import { readTopic, testKafka, testTenant, waitFor } from "../shared/testing";
import { tenantTopics } from "@/lib/contract/topics";
import { updateProcessorStage } from "../update-processor/stage";
import { cdcProcessorStage } from "./stage";

const tenant = testTenant("it-cdc");
const topics = tenantTopics(tenant);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let pool: pg.Pool;
const processors: RunningProcessor[] = [];

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 2);
});

afterAll(async () => {
  await Promise.all(processors.map((p) => p.stop()));
  await producer?.disconnect();
  await admin?.disconnect();
  await pool?.end();
});

const commitMs = Date.parse("2026-11-23T10:00:00.000Z");
const source = (lsn: number) => ({
  connector: "postgresql",
  name: tenant,
  ts_ms: commitMs,
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

describe("cdc-processor", () => {
  it("turns Debezium change events into applied target rows, and malformed rows into dead letters", async () => {
    processors.push(await startProcessor(cdcProcessorStage, ["--tenant", tenant], process.env));
    processors.push(await startProcessor(updateProcessorStage, ["--tenant", tenant], process.env));
    // The member first: its claims on the other CDC topic could otherwise overtake it (no retry-processor runs here).
    await producer.send({
      topic: topics.cdc("members"),
      acks: -1,
      messages: [
        {
          key: '{"member_id":"m-1"}',
          value: JSON.stringify({ before: null, after: memberRow, source: source(1_000), op: "c" }),
        },
      ],
    });
    await waitFor("member m-1 in the target", async () =>
      (await pool.query("SELECT 1 FROM target_members WHERE tenant = $1 AND member_id = 'm-1'", [tenant])).rowCount
        ? true
        : undefined,
    );
    await producer.send({
      topic: topics.cdc("claims"),
      acks: -1,
      messages: [
        {
          key: '{"claim_id":"c-1"}',
          value: JSON.stringify({ before: null, after: claimRow, source: source(2_000), op: "c" }),
        },
        {
          key: '{"claim_id":"c-bad"}',
          value: JSON.stringify({
            before: null,
            after: { ...claimRow, claim_id: "c-bad", ndc: "12-34" },
            source: source(3_000),
            op: "c",
          }),
        },
        { key: '{"claim_id":"c-gone"}', value: null }, // Debezium's tombstone after a delete
      ],
    });

    const claim = await waitFor("claim c-1 in the target", async () => {
      const { rows } = await pool.query(
        "SELECT *, source_lsn::text AS lsn FROM target_claims WHERE tenant = $1 AND claim_id = 'c-1'",
        [tenant],
      );
      return rows[0];
    });
    expect(claim).toMatchObject({
      member_id: "m-1",
      lsn: "2000",
      status: "PAID",
      amount_billed: "12.5000",
      deleted: false,
    });
    expect(claim.fill_date.toISOString().slice(0, 10)).toBe("2025-11-20");
    expect(claim.source_ts.getTime()).toBe(commitMs);

    const updates = await readTopic(kafka, topics.updates, 2);
    expect(updates.map((m) => m.key)).toEqual(["m-1", "m-1"]); // keyed by member id: one partition, in order
    expect(new Set(updates.map((m) => m.partition)).size).toBe(1);

    const [dead] = await readTopic(kafka, topics.dlq, 1);
    expect(dead!.key).toBe('{"claim_id":"c-bad"}');
    expect(dead!.headers).toMatchObject({
      "sync-error-class": "InvalidRow",
      "sync-error-message": "data.ndc: must be an 11-digit NDC",
      "sync-original-topic": topics.cdc("claims"),
      "sync-stage": "cdc-processor",
      "sync-entity": "claim:c-bad",
    });

    const trail = await waitFor("both stages' trail rows", async () => {
      const { rows } = await pool.query(
        "SELECT stage, entity_ref, outcome FROM event_trail WHERE tenant = $1 ORDER BY stage, entity_ref, outcome",
        [tenant],
      );
      return rows.length >= 5 ? rows : undefined;
    });
    expect(trail).toEqual([
      { stage: "cdc-processor", entity_ref: "claim:c-1", outcome: "produced" },
      { stage: "cdc-processor", entity_ref: "claim:c-bad", outcome: "dead_lettered" },
      { stage: "cdc-processor", entity_ref: "member:m-1", outcome: "produced" },
      { stage: "update-processor", entity_ref: "claim:c-1", outcome: "applied" },
      { stage: "update-processor", entity_ref: "member:m-1", outcome: "applied" },
    ]);
  });
});
