/**
 * A tenant the statistics do not know yet costs its key lookups what any tenant's do, against the
 * real Postgres: the target's statistics are made while one tenant holds every row, then a second
 * tenant's members arrive (autovacuum off, so nothing analyses them), as after onboarding into a
 * busy target. The update-processor's UnknownMember check and the member lookup read their keys,
 * not the newcomer's whole member table; Postgres' own index counters say how many entries each read.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MEMBER_LOOKUP } from "@/server/lookup/lookup-queries";
import { createScratchDatabase, type ScratchDatabase } from "@/test/integration/throwaway-database";
import { maintainTrailPartitions } from "../../pipeline/shared/event-trail";
import { claimUpdate } from "../../pipeline/shared/testing";
import { applyPlan } from "../../pipeline/update-processor/apply";
import { decodeUpdate, planBatch } from "../../pipeline/update-processor/plan";

const MEMBERS = 20_000;
const CLAIMS = 50;
const established = "it-key-established";
const newcomer = "it-key-newcomer";
let database: ScratchDatabase;
let db: pg.Pool;

const insertMembers = (tenant: string) =>
  db.query(
    `INSERT INTO target_members (tenant, member_id, first_name, last_name, source_lsn, source_version, source_ts)
     SELECT $1, 'm-' || g, 'F' || (g % 100), 'L' || (g % 1000), g, g, now() FROM generate_series(1, $2::int) g`,
    [tenant, MEMBERS],
  );

beforeAll(async () => {
  database = await createScratchDatabase("it_tenant_key", { migrate: true });
  db = new pg.Pool({ connectionString: database.url, max: 2 });
  await db.query("ALTER TABLE target_members SET (autovacuum_enabled = false)");
  await maintainTrailPartitions(db, 7);
  await insertMembers(established);
  await db.query("ANALYZE target_members");
  await insertMembers(newcomer);
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

/** Index entries read from target_members by what `work` runs on one connection. */
async function entriesRead(work: (client: pg.PoolClient) => Promise<unknown>): Promise<number> {
  const read = async () => {
    const { rows } = await db.query<{ read: string }>(
      "SELECT pg_stat_clear_snapshot(), sum(idx_tup_read)::text AS read FROM pg_stat_user_indexes WHERE relname = 'target_members'",
    );
    return Number(rows[0]!.read);
  };
  const before = await read();
  const client = await db.connect();
  try {
    await work(client);
    // a backend hands its counters over when it goes idle; this makes it do so now
    await client.query("SELECT pg_stat_force_next_flush()");
    await client.query("SELECT 1");
  } finally {
    client.release();
  }
  return (await read()) - before;
}

it("checks a batch's claims against the newcomer's members by key, not by reading all of them", async () => {
  const claims = Array.from({ length: CLAIMS }, (_, i) => {
    const update = claimUpdate(newcomer, `c-${i}`, `m-${1 + i * 397}`, 1_000 + i);
    const ref = { topic: `sync.${newcomer}.updates`, partition: 0, offset: String(i), key: null, headers: {} };
    return decodeUpdate({ ...ref, value: Buffer.from(JSON.stringify(update)) }, newcomer);
  });
  let result: Awaited<ReturnType<typeof applyPlan>> | undefined;
  const read = await entriesRead(async (client) => {
    result = await applyPlan(client, newcomer, planBatch(claims));
  });
  expect(result).toMatchObject({ applied: CLAIMS, unknownMember: [], rejected: [] });
  expect(read).toBeLessThanOrEqual(CLAIMS * 4);
});

it("looks a newcomer's member up by key", async () => {
  let found: unknown;
  const read = await entriesRead(async (client) => {
    const { rows } = await client.query(MEMBER_LOOKUP, [newcomer, "m-12345", 7]);
    found = rows[0]?.member;
  });
  expect(found).toMatchObject({ tenant: newcomer, member_id: "m-12345" });
  expect(read).toBeLessThanOrEqual(10);
});
