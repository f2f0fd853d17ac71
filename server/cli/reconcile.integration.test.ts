/**
 * `syncdeck reconcile` as an operator or a cron job runs it: the compiled command against a migrated
 * database of its own on the integration Postgres, with two ACTIVE tenants and a SUSPENDED one, each
 * with its managed source database (source_<tenant>, tables of pipeline/shared/source-schema.sql).
 * Exit 0 when in sync, 1 with the drift printed, 2 for wrong usage.
 */
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTenant } from "../../pipeline/shared/testing";
import { databaseUrl, sourceDatabaseName } from "@/lib/source-db/source-db";
import { applyMigrations } from "../db/migrate";

const root = path.resolve(__dirname, "../..");
const serverUrl = process.env.DATABASE_URL!;
const database = `reconcile_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
const [steady, drifting, suspended] = [testTenant("it-rc-a"), testTenant("it-rc-b"), testTenant("it-rc-c")];
let target: pg.Client;
let targetUrl: string;
const sources = new Map<string, pg.Client>();

type Run = { code: number; stdout: string; stderr: string };

function syncdeck(args: string[], env: Record<string, string> = { DATABASE_URL: targetUrl }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/syncdeck.js"), ...args], {
      cwd: "/",
      env: { PATH: process.env.PATH, NODE_ENV: "production", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function member(tenant: string, id: string, inTarget: boolean): Promise<void> {
  await sources
    .get(tenant)!
    .query("INSERT INTO members (member_id, first_name, last_name) VALUES ($1, 'A', 'B')", [id]);
  if (inTarget) {
    await target.query(
      "INSERT INTO target_members (tenant, member_id, source_lsn, source_version, source_ts, deleted) VALUES ($1, $2, 1, 1, now(), false)",
      [tenant, id],
    );
  }
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  for (const tenant of [steady, drifting, suspended])
    await admin.query(`CREATE DATABASE "${sourceDatabaseName(tenant)}"`);
  await admin.end();
  targetUrl = databaseUrl(serverUrl, database);
  await applyMigrations(targetUrl);
  target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  const schema = fs.readFileSync(path.join(root, "pipeline/shared/source-schema.sql"), "utf8");
  for (const [tenant, status] of [
    [steady, "ACTIVE"],
    [drifting, "ACTIVE"],
    [suspended, "SUSPENDED"],
  ] as const) {
    const source = new pg.Client({ connectionString: databaseUrl(serverUrl, sourceDatabaseName(tenant)) });
    await source.connect();
    await source.query(schema);
    sources.set(tenant, source);
    await target.query(
      "INSERT INTO tenants (id, slug, name, status, updated_at) VALUES (gen_random_uuid(), $1, $1, $2, now())",
      [tenant, status],
    );
  }
  await member(steady, "M-1", true);
  await member(drifting, "M-1", true);
  await member(suspended, "M-1", false); // drift, but a suspended tenant is only checked when named
});

afterAll(async () => {
  for (const source of sources.values()) await source.end();
  await target?.end();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const name of [database, ...[steady, drifting, suspended].map(sourceDatabaseName)])
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("syncdeck reconcile", () => {
  it("exits 0 when every ACTIVE tenant is in sync, printing each", async () => {
    const run = await syncdeck(["reconcile"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [a, b] = [steady, drifting].sort();
    expect(run.stdout).toBe(
      [a, b]
        .map(
          (t) =>
            `${t}: in sync\n  members: in sync (1 in source and target)\n  claims: in sync (0 in source and target)\n`,
        )
        .join(""),
    );
  });

  it("exits 1 and prints the drift when a tenant's target lacks a source row", async () => {
    await member(drifting, "M-2", false);
    const run = await syncdeck(["reconcile"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${steady}: in sync\n`);
    expect(run.stdout).toContain(
      `${drifting}: DRIFT\n  members: DRIFT — 1 missing in the target, 0 only in the target, 0 at another version (source 2, target 1); e.g. missing M-2\n`,
    );
    expect(run.stderr).toBe("syncdeck: reconcile: 1 of 2 tenant(s) drifted\n");

    const one = await syncdeck(["reconcile", "--tenant", steady, "--json"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject([
      { tenant: steady, inSync: true, members: { sourceCount: 1, targetCount: 1 } },
    ]);
    const named = await syncdeck(["reconcile", "--tenant", suspended, "--json"]);
    expect(named.code).toBe(1);
    expect(JSON.parse(named.stdout)).toMatchObject([
      { tenant: suspended, inSync: false, members: { missing: ["M-1"] } },
    ]);
  });

  it("exits 2 on wrong usage, saying what is wrong, and documents itself", async () => {
    expect(await syncdeck(["reconcile", "--tenant", "no-such-tenant"])).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "syncdeck: reconcile: there is no tenant no-such-tenant\n",
    });
    expect(await syncdeck(["reconcile", "--limit", "lots"])).toMatchObject({
      code: 2,
      stderr: "syncdeck: reconcile: --limit must be a whole number from 1 to 100000\n",
    });
    expect(await syncdeck(["reconcile", "--tenants", "x"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^syncdeck: reconcile: Unknown option '--tenants'/),
    });
    expect(await syncdeck(["reconcile"], {})).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^syncdeck: reconcile: DATABASE_URL is not set/),
    });
    const help = await syncdeck(["reconcile", "--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^syncdeck reconcile \[--tenant SLUG\]/);
    expect(help.stdout).toContain("2 = wrong usage or configuration");
  });
});
