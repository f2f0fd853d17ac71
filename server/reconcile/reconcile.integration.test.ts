/**
 * Reconciliation against real databases: a source database built from
 * pipeline/shared/source-schema.sql on the integration Postgres, and the migrated target.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTenant } from "../../pipeline/shared/testing";
import { reconcileTenant } from "./reconcile";

const targetUrl = process.env.DATABASE_URL!;
const sourceDb = `it_source_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const sourceUrl = (() => {
  const url = new URL(targetUrl);
  url.pathname = `/${sourceDb}`;
  return url.toString();
})();
const tenant = testTenant("it-rec");
let admin: pg.Client;
let source: pg.Client;
let target: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: targetUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${sourceDb}"`);
  source = new pg.Client({ connectionString: sourceUrl });
  target = new pg.Client({ connectionString: targetUrl });
  await Promise.all([source.connect(), target.connect()]);
  await source.query(fs.readFileSync(path.resolve("pipeline/shared/source-schema.sql"), "utf8"));
});

afterAll(async () => {
  await source?.end();
  await target?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${sourceDb}" WITH (FORCE)`);
  await admin?.end();
});

async function sourceMember(id: string, updates = 0): Promise<void> {
  await source.query("INSERT INTO members (member_id, first_name, last_name) VALUES ($1, 'A', 'B')", [id]);
  for (let i = 0; i < updates; i++)
    await source.query("UPDATE members SET city = $2 WHERE member_id = $1", [id, `c${i}`]);
}

async function targetMember(id: string, version: number, deleted = false): Promise<void> {
  await target.query(
    "INSERT INTO target_members (tenant, member_id, source_lsn, source_version, source_ts, deleted) VALUES ($1, $2, $3, $4, now(), $5)",
    [tenant, id, version, version, deleted],
  );
}

describe("reconcileTenant", () => {
  it("reports in sync when ids and versions agree, tombstones of deleted source rows included", async () => {
    await sourceMember("m-1", 2); // version 3
    await sourceMember("m-2");
    await targetMember("m-1", 3);
    await targetMember("m-2", 1);
    await targetMember("m-gone", 4, true);

    const result = await reconcileTenant({ tenant, sourceUrl, targetUrl });

    expect(result.inSync).toBe(true);
    expect(result.members).toMatchObject({
      sourceCount: 2,
      targetCount: 2,
      missing: [],
      extra: [],
      versionDiffers: [],
    });
    expect(result.claims).toMatchObject({ sourceCount: 0, targetCount: 0, inSync: true });
  });

  it("lists what is missing, extra or behind", async () => {
    await sourceMember("m-3");
    await source.query("UPDATE members SET city = 'x' WHERE member_id = 'm-2'"); // source now at version 2
    await targetMember("m-extra", 1);
    await source.query(
      "INSERT INTO claims (claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date) VALUES ('c-1', 'm-1', '00093715301', 'X', 'P', 1, 1, 1, 1, 'PAID', '2026-11-20')",
    );

    const result = await reconcileTenant({ tenant, sourceUrl, targetUrl });

    expect(result.inSync).toBe(false);
    expect(result.members).toMatchObject({
      missing: ["m-3"],
      extra: ["m-extra"],
      versionDiffers: [{ id: "m-2", sourceVersion: "2", targetVersion: "1" }],
    });
    expect(result.claims).toMatchObject({ sourceCount: 1, targetCount: 0, missing: ["c-1"], inSync: false });
  });
});
