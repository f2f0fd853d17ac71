/**
 * A pool that keeps its members current (`--refresh-members`), against the real broker and
 * Postgres: a tenant placed in the pool while it runs is picked up, one whose topics do not exist
 * yet is named in the pool's heartbeat and picked up once they do, and one moved out is released —
 * its batch committed, its consumer gone from the group, its heartbeat row removed — while the
 * others keep flowing, without a restart.
 */
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { updateProcessorStage } from "../update-processor/stage";
import { startProcessor, type RunningProcessor } from "./runner";
import { memberUpdate, testKafka, testTenant, waitFor } from "./testing";

const POOL = `pool-it-${testTenant("m").slice(2)}`;
const [first, second, joining, late] = [
  testTenant("it-pm"),
  testTenant("it-pm"),
  testTenant("it-pm"),
  testTenant("it-pm"),
];
const instanceId = `${first}-members`;
const MEMBERS = 3;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let db: pg.Pool;
let processor: RunningProcessor | undefined;

async function place(tenant: string, placement: string): Promise<void> {
  await db.query(
    `INSERT INTO tenants (id, slug, name, status, placement, updated_at)
     VALUES (gen_random_uuid(), $1, $1, 'ACTIVE', $2, now())
     ON CONFLICT (slug) DO UPDATE SET placement = EXCLUDED.placement, updated_at = now()`,
    [tenant, placement],
  );
}

async function sendWave(forTenants: readonly string[], lsn: number): Promise<void> {
  await producer.sendBatch({
    acks: -1,
    topicMessages: forTenants.map((tenant) => ({
      topic: tenantTopics(tenant).updates,
      messages: Array.from({ length: MEMBERS }, (_, i) => {
        const update = memberUpdate(tenant, i + 1, lsn);
        return { key: update.memberId, value: JSON.stringify(update) };
      }),
    })),
  });
}

async function atVersion(tenant: string, lsn: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM target_members WHERE tenant = $1 AND source_lsn = $2",
    [tenant, lsn],
  );
  return rows[0]!.n;
}

const waitForWave = (forTenants: readonly string[], lsn: number) =>
  waitFor(
    `version ${lsn} of ${forTenants.join(", ")}`,
    async () =>
      (await Promise.all(forTenants.map((t) => atVersion(t, lsn)))).every((n) => n === MEMBERS) ? true : undefined,
    60_000,
  );

const served = () => processor!.tenants.map((t) => t.tenant).sort();
const groupMembers = async (tenant: string) =>
  (await admin.describeGroups([consumerGroup(tenant, "update-processor")])).groups[0]!.members.length;
const committed = async (tenant: string) => {
  const [offsets] = await admin.fetchOffsets({
    groupId: consumerGroup(tenant, "update-processor"),
    topics: [tenantTopics(tenant).updates],
  });
  return offsets!.partitions.reduce((sum, p) => sum + Number(p.offset === "-1" ? 0 : p.offset), 0);
};

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  await Promise.all([admin.connect(), producer.connect()]);
  for (const tenant of [first, second, joining]) await ensureTenantTopics(admin, tenant, 2);
  await waitFor("the tenants' topics to be listed", async () => {
    const listed = new Set(await admin.listTopics());
    return [first, second, joining].every((t) => listed.has(tenantTopics(t).updates)) ? true : undefined;
  });
  await place(first, POOL);
  await place(second, POOL);
  processor = await startProcessor(
    updateProcessorStage,
    ["--pool", POOL, "--tenants", `${first},${second}`, "--instance-id", instanceId, "--refresh-members"],
    { ...process.env, HEARTBEAT_INTERVAL_MS: "300", POOL_MEMBERS_REFRESH_MS: "300" },
  );
});

afterAll(async () => {
  await processor?.stop();
  await db?.query("DELETE FROM tenants WHERE slug = ANY($1)", [[first, second, joining, late]]);
  await producer?.disconnect();
  await admin?.disconnect();
  await db?.end();
});

describe("a pool refreshing its members", () => {
  it("picks up a tenant placed in it while the others flow, and one whose topics come later once they do", async () => {
    await sendWave([first, second], 1);
    await waitForWave([first, second], 1);

    await sendWave([joining], 1);
    await place(joining, POOL);
    await place(late, POOL);
    await waitForWave([joining], 1);
    expect(served()).toEqual([first, second, joining].sort());
    await waitFor("the pool's heartbeat naming the tenant it cannot serve yet", async () => {
      const { rows } = await db.query<{ last_error: string | null }>(
        "SELECT last_error FROM processor_heartbeats WHERE instance_id = $1",
        [instanceId],
      );
      return rows[0]?.last_error?.includes(`${late}: not served yet`) ? true : undefined;
    });
    await sendWave([first, second], 2);
    await waitForWave([first, second], 2);

    await ensureTenantTopics(admin, late, 1);
    await sendWave([late], 1);
    await waitForWave([late], 1);
    expect(served()).toEqual([first, second, joining, late].sort());
    await waitFor("the pool's heartbeat error cleared", async () => {
      const { rows } = await db.query<{ last_error: string | null }>(
        "SELECT last_error FROM processor_heartbeats WHERE instance_id = $1",
        [instanceId],
      );
      return rows[0]?.last_error === null ? true : undefined;
    });
  });

  it("releases a tenant moved out: committed, out of the group, no heartbeat; the others flow on", async () => {
    await place(second, "dedicated");
    await waitFor("the pool to drop the tenant moved out", async () => (served().includes(second) ? undefined : true));
    expect(await groupMembers(second)).toBe(0);
    expect(await committed(second)).toBe(2 * MEMBERS);
    const { rows } = await db.query("SELECT 1 FROM processor_heartbeats WHERE instance_id = $1", [
      `${instanceId}/${second}`,
    ]);
    expect(rows).toHaveLength(0);

    await sendWave([first, joining, late, second], 3);
    await waitForWave([first, joining, late], 3);
    // nobody serves it now: its changes wait in its topic for whoever serves it next
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await atVersion(second, 3)).toBe(0);
    expect(await committed(second)).toBe(2 * MEMBERS);
    expect(served()).toEqual([first, joining, late].sort());

    await place(second, POOL);
    await waitForWave([second], 3);
    expect(await committed(second)).toBe(3 * MEMBERS);
  });
});
