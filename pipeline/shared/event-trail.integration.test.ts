/**
 * The event trail's day partitions on the migrated Postgres: maintenance creates the days around
 * today, drops days past retention (and only those), rows land in their day's partition, and
 * concurrent callers do not trip over each other.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendTrail, maintainTrailPartitions } from "./event-trail";
import { testTenant } from "./testing";

let pool: pg.Pool;
const tenant = testTenant("it-trail");

beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
});

afterAll(async () => {
  await pool?.end();
});

const partitions = async () =>
  (
    await pool.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'event_trail'::regclass ORDER BY 1",
    )
  ).rows.map((r) => r.name);

const dayName = (offsetDays: number) =>
  `event_trail_p${new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "")}`;

describe("event trail partitions", () => {
  it("creates yesterday to two days ahead, idempotently, even when called concurrently", async () => {
    await Promise.all([
      maintainTrailPartitions(pool, 7),
      maintainTrailPartitions(pool, 7),
      maintainTrailPartitions(pool, 7),
    ]);
    const names = await partitions();
    for (const offset of [-1, 0, 1, 2]) expect(names).toContain(dayName(offset));
  });

  it("drops the days past retention and keeps the rest", async () => {
    const old = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    for (const days of [30, 8, 5]) {
      const from = old(days);
      const name = `event_trail_p${from.replaceAll("-", "")}`;
      await pool.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF event_trail FOR VALUES FROM ('${from} 00:00:00+00') TO ('${from} 00:00:00+00'::timestamptz + interval '1 day')`,
      );
    }
    const dropped = await maintainTrailPartitions(pool, 7);
    const names = await partitions();
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect(names).not.toContain(dayName(-30));
    expect(names).not.toContain(dayName(-8));
    expect(names).toContain(dayName(-5));
    await expect(maintainTrailPartitions(pool, 0)).rejects.toThrow(/at least 1 day/);
  });

  it("appends rows in one statement into today's partition", async () => {
    await appendTrail(pool, tenant, "update-processor", [
      {
        entityRef: "member:m-1",
        memberId: "m-1",
        topic: "t",
        partition: 0,
        offset: "1",
        sourceLsn: "18446744073709551000",
        sourceTsMs: Date.now(),
        outcome: "applied",
        error: null,
      },
      {
        entityRef: "claim:c-1",
        memberId: "m-1",
        topic: "t",
        partition: 0,
        offset: "2",
        sourceLsn: null,
        sourceTsMs: null,
        outcome: "dead_lettered",
        error: "x".repeat(5_000),
      },
    ]);
    const { rows } = await pool.query(
      'SELECT tableoid::regclass::text AS part, source_lsn::text AS lsn, length(error) AS len FROM event_trail WHERE tenant = $1 ORDER BY "offset"',
      [tenant],
    );
    expect(rows).toEqual([
      { part: dayName(0), lsn: "18446744073709551000", len: null },
      { part: dayName(0), lsn: null, len: 2_000 },
    ]);
    await expect(
      appendTrail(pool, tenant, "x", [
        {
          entityRef: "member:m",
          memberId: null,
          topic: "t",
          partition: 0,
          offset: "3",
          sourceLsn: null,
          sourceTsMs: null,
          outcome: "bogus" as never,
          error: null,
        },
      ]),
    ).rejects.toThrow(/event_trail_outcome_check/);
  });
});
