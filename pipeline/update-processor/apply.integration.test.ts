/**
 * applyPlan against the real target: the one-statement apply decides what the transaction did —
 * a claim whose member arrives in the same batch is applied, one whose member the target lacks
 * is retried, an older or superseded change is skipped, a poison row with an entity is
 * dead-lettered — and writes exactly trailRows' rows; a batch the target rejects a row of still
 * applies the rest, through the transaction that isolates it.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { maintainTrailPartitions } from "../shared/event-trail";
import { claimUpdate, memberUpdate, testTenant } from "../shared/testing";
import { applyPlan, trailRows } from "./apply";
import { decodeUpdate, planBatch, type MessageRef } from "./plan";

const tenant = testTenant("it-apply");
let db: pg.Pool;
let offset = 0;
const CHECK = `it_apply_${tenant.replaceAll("-", "_")}`;

beforeAll(async () => {
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await maintainTrailPartitions(db, 7); // today's trail partition, as a processor makes at start
});

afterAll(async () => {
  await db?.end();
});

const ref = (value: unknown): MessageRef => ({
  topic: `sync.${tenant}.updates`,
  partition: 0,
  offset: String(offset++),
  key: Buffer.from("k"),
  value: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
  headers: {},
});

const member = (n: number, lsn: number) => ({ ...memberUpdate(tenant, n, lsn), sourceTsMs: 1_763_892_000_000 + lsn });

const claim = (id: string, memberId: string, lsn: number, amountPaid = "10.00"): CanonicalUpdate => ({
  ...claimUpdate(tenant, id, memberId, lsn, { amountPaid }),
  sourceTsMs: 1_763_892_000_000 + lsn,
});

const plan = (values: unknown[]) => planBatch(values.map((v) => decodeUpdate(ref(v), tenant)));

async function trailOf(offsets: string[]) {
  const { rows } = await db.query<{ offset: string; entity_ref: string; outcome: string; error: string | null }>(
    `SELECT "offset"::text, entity_ref, outcome, error FROM event_trail
     WHERE tenant = $1 AND stage = 'update-processor' AND "offset" = ANY($2::bigint[]) ORDER BY "offset"`,
    [tenant, offsets],
  );
  return rows;
}

describe("applyPlan", () => {
  it("applies, retries and skips as the transaction did, in one statement, with trailRows' rows", async () => {
    const client = await db.connect();
    try {
      await applyPlan(client, tenant, plan([member(1, 10)])); // m-1 is in the target before the batch
      const batch = plan([
        member(1, 5), // older than the target's: skipped
        member(2, 20), // new member …
        claim("c-2", "m-2", 21), // … whose claim in the same batch is applied
        claim("c-9", "m-9", 22), // member unknown: retried
        claim("c-1", "m-1", 23, "1.00"), // superseded by the next
        claim("c-1", "m-1", 24, "2.00"),
        { ...claim("c-x", "m-1", 25), data: { nonsense: true } }, // poison with an entity: dead-lettered
      ]);
      const result = await applyPlan(client, tenant, batch);

      expect(result).toMatchObject({ applied: 3, skippedStale: 2, rejected: [] });
      expect(result.unknownMember.map((item) => item.update.id)).toEqual(["c-9"]);
      expect(result.appliedSourceTsMs.sort()).toEqual([20, 21, 24].map((lsn) => 1_763_892_000_000 + lsn));
      const expected = trailRows(batch, new Set(["member:m-2", "claim:c-2", "claim:c-1"]), new Set(["claim:c-9"])).map(
        (r) => ({ offset: r.offset, entity_ref: r.entityRef, outcome: r.outcome, error: r.error }),
      );
      const written = await trailOf(expected.map((r) => r.offset));
      expect(written).toEqual(expected.sort((a, b) => Number(a.offset) - Number(b.offset)));
      expect(written.find((r) => r.entity_ref === "claim:c-9")).toMatchObject({
        outcome: "retried",
        error: "UnknownMember: member m-9 is not in the target yet",
      });
      const { rows } = await db.query<{ claim_id: string; amount_paid: string }>(
        "SELECT claim_id, amount_paid::text FROM target_claims WHERE tenant = $1 ORDER BY claim_id",
        [tenant],
      );
      expect(rows).toEqual([
        { claim_id: "c-1", amount_paid: "2.0000" },
        { claim_id: "c-2", amount_paid: "10.0000" },
      ]);
      // source commit times travel as epoch ms and are stored exactly, in the target and the trail
      const times = await db.query<{ ref: string; ms: string }>(
        `SELECT 'claim:' || claim_id AS ref, (extract(epoch FROM source_ts) * 1000)::text AS ms
         FROM target_claims WHERE tenant = $1
         UNION ALL SELECT 'trail:' || "offset", (extract(epoch FROM source_ts) * 1000)::text
         FROM event_trail WHERE tenant = $1 AND "offset" = $2::bigint`,
        [tenant, batch.newest.get("claim:c-2")!.ref.offset],
      );
      expect(times.rows.map((r) => [r.ref, Number(r.ms)]).sort()).toEqual(
        [
          ["claim:c-1", 1_763_892_000_024],
          ["claim:c-2", 1_763_892_000_021],
          [`trail:${batch.newest.get("claim:c-2")!.ref.offset}`, 1_763_892_000_021],
        ].sort(),
      );
    } finally {
      client.release();
    }
  });

  it("applies the rest of a batch the target rejects a row of, and reports that row", async () => {
    const client = await db.connect();
    try {
      // a constraint of the target's own that this one claim breaks (SQLSTATE 23514)
      await db.query(
        `ALTER TABLE target_claims ADD CONSTRAINT ${CHECK} CHECK (tenant <> '${tenant}' OR claim_id <> 'c-3') NOT VALID`,
      );
      const batch = plan([member(3, 30), claim("c-3", "m-3", 31), claim("c-4", "m-3", 32)]);
      const result = await applyPlan(client, tenant, batch);
      expect(result.applied).toBe(2);
      expect(result.rejected.map((r) => r.item.update.id)).toEqual(["c-3"]);
      const { rows } = await db.query<{ ref: string }>(
        `SELECT 'member:' || member_id AS ref FROM target_members WHERE tenant = $1 AND member_id = 'm-3'
         UNION ALL SELECT 'claim:' || claim_id FROM target_claims WHERE tenant = $1 AND member_id = 'm-3'`,
        [tenant],
      );
      expect(rows.map((r) => r.ref).sort()).toEqual(["claim:c-4", "member:m-3"]);
      const trail = await trailOf(batch.claims.map((c) => batch.newest.get(`claim:${c.id}`)!.ref.offset));
      // a constraint may hold later: retried, not dead-lettered (isolate.ts)
      expect(trail.map((r) => [r.entity_ref, r.outcome]).sort()).toEqual([
        ["claim:c-3", "retried"],
        ["claim:c-4", "applied"],
      ]);
    } finally {
      client.release();
      await db.query(`ALTER TABLE target_claims DROP CONSTRAINT IF EXISTS ${CHECK}`);
    }
  });
});
