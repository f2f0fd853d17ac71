/**
 * The update-processor against the real broker and Postgres of the integration setup: batched
 * idempotent apply, the version guard under reordering, duplicates and a full replay, tombstones,
 * UnknownMember to the retry topic and poison to the DLQ, and the trail/heartbeat rows it writes.
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { startProcessor, type RunningProcessor } from "../shared/runner";
import { claimUpdate, readTopic, testKafka, testTenant, waitFor } from "../shared/testing";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { updateProcessorStage } from "./stage";

const tenant = testTenant("it-upd");
const topics = tenantTopics(tenant);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let pool: pg.Pool;
let processor: RunningProcessor | undefined;

const start = () =>
  startProcessor(updateProcessorStage, ["--tenant", tenant], { ...process.env, HEARTBEAT_INTERVAL_MS: "500" });

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await Promise.all([admin.connect(), producer.connect()]);
  expect(await ensureTenantTopics(admin, tenant, 3)).toHaveLength(8); // cdc.members, cdc.claims, updates, retry.1s/10s/1m/10m, dlq
  expect(await ensureTenantTopics(admin, tenant, 3)).toEqual([]); // idempotent
});

afterAll(async () => {
  await processor?.stop();
  await producer?.disconnect();
  await admin?.disconnect();
  await pool?.end();
});

const member = (
  id: string,
  lsn: number,
  version: number,
  city: string,
  op: "upsert" | "delete" = "upsert",
): CanonicalUpdate => ({
  tenant,
  entity: "member",
  op,
  id,
  memberId: id,
  sourceLsn: String(lsn),
  sourceVersion: version,
  sourceTsMs: Date.now() - 1_000,
  cdcTopic: topics.cdc("members"),
  cdcPartition: 0,
  cdcOffset: String(lsn),
  data:
    op === "delete"
      ? null
      : {
          memberId: id,
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1990-12-10",
          addressLine: "1 Main St",
          city,
          state: "IL",
          postalCode: "62701",
          planId: "P-1",
          status: "ACTIVE",
        },
});

const claim = (id: string, memberId: string, lsn: number, status: "PAID" | "REVERSED"): CanonicalUpdate =>
  claimUpdate(tenant, id, memberId, lsn, { status });

async function send(updates: Array<CanonicalUpdate | string>): Promise<void> {
  await producer.send({
    topic: topics.updates,
    acks: -1,
    messages: updates.map((u) =>
      typeof u === "string" ? { key: "poison", value: u } : { key: u.memberId, value: JSON.stringify(u) },
    ),
  });
}

async function trailCount(): Promise<number> {
  const { rows } = await pool.query(
    "SELECT count(*)::int AS n FROM event_trail WHERE tenant = $1 AND stage = 'update-processor'",
    [tenant],
  );
  return rows[0].n;
}

const memberRow = async (id: string) =>
  (
    await pool.query(
      "SELECT city, source_lsn::text AS lsn, source_version::int AS version, deleted, applied_at FROM target_members WHERE tenant = $1 AND member_id = $2",
      [tenant, id],
    )
  ).rows[0];

describe("update-processor", () => {
  const changes: Array<CanonicalUpdate | string> = [
    member("m-1", 100, 1, "Old Town"),
    member("m-1", 300, 3, "Newest"),
    member("m-1", 200, 2, "Middle"), // older than what precedes it: must not win
    member("m-1", 300, 3, "Newest"), // duplicate
    claim("c-1", "m-1", 310, "PAID"),
    claim("c-2", "m-404", 320, "PAID"), // member unknown to the target
    member("m-2", 400, 4, "Gone", "delete"),
    member("m-2", 350, 3, "Resurrected"), // older upsert after the delete: must stay deleted
    "{not json",
  ];

  it("applies the newest change per entity once, retries unknown members and dead-letters poison", async () => {
    processor = await start();
    await send(changes);
    await waitFor("a trail row per message", async () => ((await trailCount()) >= 8 ? true : undefined));

    expect(await memberRow("m-1")).toMatchObject({ city: "Newest", lsn: "300", version: 3, deleted: false });
    expect(await memberRow("m-2")).toMatchObject({ city: null, lsn: "400", deleted: true });
    const claims = (
      await pool.query("SELECT claim_id, status FROM target_claims WHERE tenant = $1 ORDER BY claim_id", [tenant])
    ).rows;
    expect(claims).toEqual([{ claim_id: "c-1", status: "PAID" }]);

    const outcomes = (
      await pool.query(
        "SELECT entity_ref, outcome, count(*)::int AS n FROM event_trail WHERE tenant = $1 GROUP BY 1, 2 ORDER BY 1, 2",
        [tenant],
      )
    ).rows;
    expect(outcomes).toEqual([
      { entity_ref: "claim:c-1", outcome: "applied", n: 1 },
      { entity_ref: "claim:c-2", outcome: "retried", n: 1 },
      { entity_ref: "member:m-1", outcome: "applied", n: 1 },
      { entity_ref: "member:m-1", outcome: "skipped_stale", n: 3 },
      { entity_ref: "member:m-2", outcome: "applied", n: 1 },
      { entity_ref: "member:m-2", outcome: "skipped_stale", n: 1 },
    ]);

    // a first failure waits in the first tier's topic
    const [retry] = await readTopic(kafka, topics.retryTier(1_000), 1);
    expect(retry!.key).toBe("m-404");
    expect(JSON.parse(retry!.value!)).toMatchObject({ id: "c-2" });
    expect(retry!.headers).toMatchObject({
      "sync-attempt": "1",
      "sync-original-topic": topics.updates,
      "sync-error-class": "UnknownMember",
      "sync-stage": "update-processor",
      "sync-tenant": tenant,
      "sync-entity": "claim:c-2",
    });
    expect(Date.parse(retry!.headers["sync-due-at"]!)).toBeGreaterThan(
      Date.parse(retry!.headers["sync-first-failed-at"]!),
    );

    const [dead] = await readTopic(kafka, topics.dlq, 1);
    expect(dead).toMatchObject({ key: "poison", value: "{not json" });
    expect(dead!.headers).toMatchObject({ "sync-error-class": "MalformedUpdate", "sync-attempt": "1" });
  });

  it("commits offsets only for what it applied, and a full replay changes nothing", async () => {
    const before = await memberRow("m-1");
    await processor!.stop();
    processor = undefined;
    const committed = await admin.fetchOffsets({
      groupId: consumerGroup(tenant, "update-processor"),
      topics: [topics.updates],
    });
    const total = committed[0]!.partitions.reduce((sum, p) => sum + Number(p.offset === "-1" ? 0 : p.offset), 0);
    expect(total).toBe(changes.length);

    // Rewind the group to the beginning: every message is delivered a second time.
    await admin.resetOffsets({
      groupId: consumerGroup(tenant, "update-processor"),
      topic: topics.updates,
      earliest: true,
    });
    processor = await start();
    await waitFor("the replay in the trail", async () => ((await trailCount()) >= 16 ? true : undefined));

    const after = await memberRow("m-1");
    expect(after).toEqual(before); // same values, same applied_at: nothing was written again
    const replayOutcomes = (
      await pool.query("SELECT outcome, count(*)::int AS n FROM event_trail WHERE tenant = $1 GROUP BY 1 ORDER BY 1", [
        tenant,
      ])
    ).rows;
    // the replay applied nothing; c-2 went to retry again (its member is still unknown)
    expect(replayOutcomes).toEqual([
      { outcome: "applied", n: 3 },
      { outcome: "retried", n: 2 },
      { outcome: "skipped_stale", n: 11 },
    ]);
  });

  it("applies a retried claim once its member exists, and reports itself in processor_heartbeats", async () => {
    await send([member("m-404", 500, 1, "Late"), claim("c-2", "m-404", 320, "PAID")]);
    await waitFor("claim c-2 applied", async () =>
      (await pool.query("SELECT 1 FROM target_claims WHERE tenant = $1 AND claim_id = 'c-2'", [tenant])).rowCount
        ? true
        : undefined,
    );
    const beat = await waitFor("a heartbeat with counts", async () => {
      const { rows } = await pool.query("SELECT * FROM processor_heartbeats WHERE instance_id = $1", [
        processor!.config.instanceId,
      ]);
      return rows[0]?.counts.consumed >= 2 ? rows[0] : undefined;
    });
    expect(beat).toMatchObject({ tenant, stage: "update-processor", pid: process.pid });
    expect(beat.counts).toMatchObject({ applied: 2 });
    const partitions = (
      await pool.query("SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'event_trail'::regclass")
    ).rows[0].n;
    expect(partitions).toBeGreaterThanOrEqual(4); // yesterday, today and two days ahead
  });
});

describe("update-processor when the database drops its connections", () => {
  it("holds each failed batch and applies it after reconnecting: nothing lost, nothing skipped", async () => {
    const ids = Array.from({ length: 400 }, (_, i) => `d-${i}`);
    processor ??= await start();
    const appName = `syncdeck:update-processor:${tenant}`;
    let killed = 0;
    let sending = true;
    const killer = (async () => {
      while (sending) {
        const { rowCount } = await pool.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
          [appName],
        );
        killed += rowCount ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    })();
    for (let round = 1; round <= 5; round++) {
      await send(ids.map((id) => member(id, 10_000 + round, round, `round ${round}`)));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    sending = false;
    await killer;
    expect(killed).toBeGreaterThan(0);

    const rows = await waitFor("every member at its last version", async () => {
      const { rows } = await pool.query(
        "SELECT count(*)::int AS n FROM target_members WHERE tenant = $1 AND member_id LIKE 'd-%' AND source_version = 5 AND city = 'round 5'",
        [tenant],
      );
      return rows[0].n === ids.length ? rows[0].n : undefined;
    });
    expect(rows).toBe(ids.length);
    // every consumed message has exactly one trail row: failed transactions left none behind
    const trail = (
      await pool.query(
        "SELECT count(*)::int AS n FROM event_trail WHERE tenant = $1 AND entity_ref LIKE 'member:d-%'",
        [tenant],
      )
    ).rows[0].n;
    expect(trail).toBe(ids.length * 5);
  });
});
