/** The naive baseline: one message at a time, one autocommit upsert per message, with the same LSN guard. */
import type { Admin, Kafka, Producer } from "kafkajs";
import type pg from "pg";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { retryRetriable } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { consumerGroup } from "@/lib/contract/topics";
import { CLAIM_ON_CONFLICT, MEMBER_ON_CONFLICT } from "../../pipeline/update-processor/target-sql";
import { decodeUpdate, toMessageRef } from "../../pipeline/update-processor/plan";
import { NAIVE_UPDATES, PARTITIONS, sleep, suffix } from "./config";
import { lostEntities } from "./measure";
import { preload } from "./produce";
import { Workload } from "./workload";

const NAIVE_MEMBER = `
  INSERT INTO target_members AS t (tenant, member_id, first_name, last_name, date_of_birth, address_line, city, state,
    postal_code, plan_id, status, source_lsn, source_version, source_ts, applied_at, deleted)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now(), $15)
  ${MEMBER_ON_CONFLICT}`;

const NAIVE_CLAIM = `
  INSERT INTO target_claims AS t (tenant, claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply,
    amount_billed, amount_paid, status, fill_date, source_lsn, source_version, source_ts, applied_at, deleted)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now(), $16)
  ${CLAIM_ON_CONFLICT}`;

async function naiveApply(client: pg.PoolClient, u: CanonicalUpdate): Promise<void> {
  const ts = new Date(u.sourceTsMs).toISOString();
  const del = u.op === "delete";
  if (u.entity === "member") {
    const d = u.data;
    await client.query(NAIVE_MEMBER, [
      u.tenant,
      u.id,
      d?.firstName,
      d?.lastName,
      d?.dateOfBirth,
      d?.addressLine,
      d?.city,
      d?.state,
      d?.postalCode,
      d?.planId,
      d?.status,
      u.sourceLsn,
      u.sourceVersion,
      ts,
      del,
    ]);
  } else {
    const d = u.data;
    await client.query(NAIVE_CLAIM, [
      u.tenant,
      u.id,
      u.memberId,
      d?.ndc,
      d?.drugName,
      d?.pharmacyId,
      d?.quantity,
      d?.daysSupply,
      d?.amountBilled,
      d?.amountPaid,
      d?.status,
      d?.fillDate,
      u.sourceLsn,
      u.sourceVersion,
      ts,
      del,
    ]);
  }
}

export async function naiveBaseline(
  kafka: Kafka,
  admin: Admin,
  producer: Producer,
  pool: pg.Pool,
): Promise<{ rate: number; lost: number }> {
  const tenant = `bench-naive-${suffix}`;
  await ensureTenantTopics(admin, tenant, PARTITIONS);
  const work = new Workload(tenant, 3);
  await preload(producer, work, NAIVE_UPDATES);
  const ends = new Map(
    (await retryRetriable(() => admin.fetchTopicOffsets(work.topics.updates))).map((p) => [
      p.partition,
      Number(p.high),
    ]),
  );
  const reached = new Map<number, number>();
  const allReached = () => [...ends].every(([partition, high]) => (reached.get(partition) ?? 0) >= high);
  const consumer = kafka.consumer({ groupId: consumerGroup(tenant, "update-processor"), maxWaitTimeInMs: 100 });
  const client = await pool.connect();
  let started = 0;
  let finished = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [work.topics.updates], fromBeginning: true });
    started = performance.now();
    await consumer.run({
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ topic, partition, message }) => {
        const decoded = decodeUpdate(toMessageRef(topic, partition, message), tenant);
        if (decoded.kind !== "update") throw new Error(`naive baseline: ${decoded.errorClass} ${decoded.errorMessage}`);
        await naiveApply(client, decoded.update);
        reached.set(partition, Math.max(reached.get(partition) ?? 0, Number(message.offset) + 1));
        if (!finished && allReached()) finished = performance.now();
      },
    });
    const deadline = Date.now() + 600_000;
    while (!finished && Date.now() < deadline) await sleep(50);
    if (!finished) throw new Error(`naive baseline: not done after 10 min`);
  } finally {
    await consumer.disconnect();
    client.release();
  }
  return { rate: NAIVE_UPDATES / ((finished - started) / 1000), lost: await lostEntities(pool, work) };
}
