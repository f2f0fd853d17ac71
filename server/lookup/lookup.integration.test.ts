/**
 * The lookup against the migrated Postgres: target rows and event-trail rows written the way the
 * processors write them, a real source database, and the same statements the console and the bench
 * run. Two tenants hold the same member id, so every read must stay inside its tenant.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendTrail, maintainTrailPartitions } from "../../pipeline/shared/event-trail";
import { testTenant } from "../../pipeline/shared/testing";
import { statementName } from "../db/named-statements";
import { ensureSourceDatabase } from "@/lib/source-db/source-db";
import { loadMemberRecords, searchTarget, type Sql } from "./lookup-queries";
import { buildMemberView } from "./member-view";
import { parseSearch } from "./search-query";
import { readSourceVersions, touchInSource } from "./source-reads";

let pool: pg.Pool;
let source: pg.Pool;
const acme = testTenant("it-look");
const other = testTenant("it-oth");
// Named like the console sends them, so repeated lookups run on the generic plan of the same statement.
const sql: Sql = async (text, params) => (await pool.query({ name: statementName(text), text, values: params })).rows;
const query = (text: string) => {
  const parsed = parseSearch(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.query;
};

async function member(tenant: string, id: string, last: string) {
  await pool.query(
    `INSERT INTO target_members (tenant, member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id, status, source_lsn, source_version, source_ts, applied_at)
     VALUES ($1, $2, 'Jane', $3, '1984-03-02', '12 Elm St', 'Springfield', 'IL', '62701', 'P1', 'ACTIVE', 100, 1, now() - interval '10 s', now() - interval '8 s')`,
    [tenant, id, last],
  );
}
async function claim(tenant: string, id: string, memberId: string, version: number) {
  await pool.query(
    `INSERT INTO target_claims (tenant, claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date, source_lsn, source_version, source_ts, applied_at)
     VALUES ($1, $2, $3, '00002143380', 'Atorvastatin', 'PH1', 30, 30, 10, 8, 'PAID', '2026-11-01', 100, $4, now() - interval '10 s', now() - interval '8 s')`,
    [tenant, id, memberId, version],
  );
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  await maintainTrailPartitions(pool, 7);
  await member(acme, "M100234", "Okafor");
  await claim(acme, "C-88001", "M100234", 1);
  await claim(acme, "C-88002", "M100234", 1);
  await member(other, "M100234", "Okafor");
  await claim(other, "C-99001", "M100234", 1);
  const at = { topic: `sync.${acme}.updates`, partition: 0, sourceLsn: null, sourceTsMs: Date.now() - 60_000 };
  await appendTrail(pool, acme, "cdc-processor", [
    {
      ...at,
      topic: `sync.${acme}.cdc.claims`,
      offset: "40",
      entityRef: "claim:C-88003",
      memberId: "M100234",
      outcome: "dead_lettered",
      error: "ValidationError: pharmacy id unknown",
    },
    {
      ...at,
      topic: `sync.${acme}.cdc.claims`,
      offset: "41",
      entityRef: "claim:C-88001",
      memberId: "M100234",
      outcome: "produced",
      error: null,
    },
  ]);
  await appendTrail(pool, acme, "update-processor", [
    { ...at, offset: "7", entityRef: "claim:C-88001", memberId: "M100234", outcome: "applied", error: null },
  ]);

  const url = await ensureSourceDatabase(process.env.DATABASE_URL!, acme);
  source = new pg.Pool({ connectionString: url, max: 2 });
  await source.query(`INSERT INTO members (member_id, first_name, last_name) VALUES ('M100234', 'Jane', 'Okafor')`);
  await source.query(`INSERT INTO claims (claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date)
    VALUES ('C-88001', 'M100234', 'x', 'x', 'x', 1, 1, 1, 1, 'PAID', '2026-11-01'), ('C-88002', 'M100234', 'x', 'x', 'x', 1, 1, 1, 1, 'PAID', '2026-11-01'),
           ('C-88003', 'M100234', 'x', 'x', 'BAD', 1, 1, 1, 1, 'PAID', '2026-11-01')`);
});

afterAll(async () => {
  await source?.end();
  await pool?.end();
});

describe("entity lookup against Postgres", () => {
  it("suggests members and claims by id prefix, and a failed claim only the trail knows", async () => {
    expect((await searchTarget(sql, [acme], query("M1002"))).map((s) => s.memberId)).toEqual(["M100234"]);
    expect((await searchTarget(sql, [acme], query("C-8800"))).map((s) => s.claimId)).toEqual(["C-88001", "C-88002"]);
    expect(await searchTarget(sql, [acme], query("C-88003"))).toMatchObject([
      { tenant: acme, memberId: "M100234", claimId: "C-88003" },
    ]);
    expect((await searchTarget(sql, [acme], query("okafor jane 1984-03-02"))).map((s) => s.memberId)).toEqual([
      "M100234",
    ]);
    expect(await searchTarget(sql, [acme], query("okafor 1999-01-01"))).toEqual([]);
  });

  it("never crosses tenants: the same member id elsewhere is invisible", async () => {
    expect((await searchTarget(sql, [other], query("C-88"))).map((s) => s.claimId)).toEqual([]);
    expect(await searchTarget(sql, [other], query("C-88003"))).toEqual([]);
    expect(await searchTarget(sql, [], query("M100234"))).toEqual([]);
    const records = await loadMemberRecords(sql, other, "M100234");
    expect(records.claims.map((c) => c.claim_id)).toEqual(["C-99001"]);
    expect(records.trail).toEqual([]);
  });

  it("keeps tenants apart on the named statement's generic plan, reused across calls", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const onOne: Sql = async (text, params) =>
        (await client.query({ name: statementName(text), text, values: params })).rows;
      for (let i = 0; i < 8; i++) {
        const [tenant, claims] = i % 2 ? [other, ["C-99001"]] : [acme, ["C-88001", "C-88002"]];
        expect((await loadMemberRecords(onOne, tenant, "M100234")).claims.map((c) => c.claim_id).sort()).toEqual(
          claims,
        );
      }
      const { rows } = await client.query(
        "SELECT generic_plans::int FROM pg_prepared_statements WHERE name = 'member_lookup'",
      );
      expect(rows[0]?.generic_plans).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("builds the member page: in sync, failed in the DLQ, and the sentence on top", async () => {
    const records = await loadMemberRecords(sql, acme, "M100234");
    const view = buildMemberView(
      acme,
      "M100234",
      records,
      await readSourceVersions(acme, "M100234"),
      new Date(),
      false,
    );
    expect(view.sourceReadable).toBe(true);
    expect(view.profile).toMatchObject({
      name: "J••• O•••••",
      dateOfBirth: "1984-••-••",
      masked: true,
      city: "Springfield",
    });
    const states = Object.fromEntries(view.claims.map((c) => [c.claimId, c.state.kind]));
    expect(states).toEqual({ "C-88001": "in_sync", "C-88002": "in_sync", "C-88003": "failed" });
    expect(view.explanation).toMatch(
      /^Claim C-88003 failed: pharmacy id unknown \(1 attempt, in DLQ since \d\d:\d\d UTC\)$/,
    );
    expect(view.claims.find((c) => c.claimId === "C-88001")!.timeline.map((s) => s.label)).toEqual([
      "source commit",
      "CDC topic → update",
      "apply",
    ]);
  });

  it("a re-sync touches the source: versions move on and the claim is in flight until applied", async () => {
    expect(await touchInSource(acme, "M100234", "C-88002")).toEqual(["claim:C-88002"]);
    const snapshot = await readSourceVersions(acme, "M100234");
    expect(snapshot!.claims.get("C-88002")!.version).toBe("2");
    const view = buildMemberView(
      acme,
      "M100234",
      await loadMemberRecords(sql, acme, "M100234"),
      snapshot,
      new Date(),
      false,
    );
    expect(view.claims.find((c) => c.claimId === "C-88002")!.state.kind).toBe("in_flight");
    expect((await touchInSource(acme, "M100234", null)).sort()).toEqual([
      "claim:C-88001",
      "claim:C-88002",
      "claim:C-88003",
      "member:M100234",
    ]);
  });
});
