/**
 * Helpers for the pipeline's integration tests (real broker and Postgres from the vitest global
 * setup). Not used by the processors.
 */
import { randomUUID } from "node:crypto";
import { logLevel, type IHeaders, type Kafka } from "kafkajs";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { tenantTopics } from "@/lib/contract/topics";
import { createKafka } from "@/lib/kafka/client";

export function testKafka(): Kafka {
  return createKafka({ ...process.env, KAFKA_CLIENT_ID: "syncdeck-it" }, { logLevel: logLevel.NOTHING });
}

/** A tenant slug of its own per test file, so topics, groups and target rows never collide. */
export function testTenant(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll("-", "").slice(0, 10)}`;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  timestamp: string;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));
}

/**
 * Reads a topic from the beginning with a throwaway group until `count` messages arrived (or
 * `until` holds: delivery is at-least-once, so a test may have to look past a duplicate).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 30_000,
  until: (messages: ReadMessage[]) => boolean = (messages) => messages.length >= count,
): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `it-read-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headerStrings(message.headers),
          timestamp: message.timestamp,
        });
      },
    });
    await waitFor(`${count} message(s) on ${topic}`, async () => (until(messages) ? true : undefined), timeoutMs);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Member `m-<n>` of `tenant` at version `lsn`, as the cdc-processor would send it to the update-processor. */
export const memberUpdate = (tenant: string, n: number, lsn: number): CanonicalUpdate => ({
  tenant,
  entity: "member",
  op: "upsert",
  id: `m-${n}`,
  memberId: `m-${n}`,
  sourceLsn: String(lsn),
  sourceVersion: lsn,
  sourceTsMs: Date.now(),
  cdcTopic: tenantTopics(tenant).cdc("members"),
  cdcPartition: 0,
  cdcOffset: String(lsn),
  data: {
    memberId: `m-${n}`,
    firstName: "Ada",
    lastName: "Lovelace",
    dateOfBirth: "1990-12-10",
    addressLine: "1 Main St",
    city: `City ${lsn}`,
    state: "IL",
    postalCode: "62701",
    planId: "P-1",
    status: "ACTIVE",
  },
});

/** Claim `id` of `memberId` in `tenant` at version `lsn`, as the cdc-processor would send it; `data` fields overridable. */
export const claimUpdate = (
  tenant: string,
  id: string,
  memberId: string,
  lsn: number,
  data: Partial<NonNullable<Extract<CanonicalUpdate, { entity: "claim" }>["data"]>> = {},
): CanonicalUpdate => ({
  tenant,
  entity: "claim",
  op: "upsert",
  id,
  memberId,
  sourceLsn: String(lsn),
  sourceVersion: lsn,
  sourceTsMs: Date.now() - 1_000,
  cdcTopic: tenantTopics(tenant).cdc("claims"),
  cdcPartition: 0,
  cdcOffset: String(lsn),
  data: {
    claimId: id,
    memberId,
    ndc: "00093715301",
    drugName: "Atorvastatin 20 mg",
    pharmacyId: "PH-1",
    quantity: 30,
    daysSupply: 30,
    amountBilled: "12.50",
    amountPaid: "10.00",
    status: "PAID",
    fillDate: "2026-11-20",
    ...data,
  },
});
