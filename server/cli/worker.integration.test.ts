/**
 * `syncdeck worker`: the background workers in a process of their own against a migrated database
 * and the integration broker — the lag sampler samples (its status row moves), unknown worker names
 * and missing configuration are refused with exit code 2, and SIGTERM ends it with 0 within 10 s.
 */
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../pipeline/shared/testing";
import { logMessages } from "../../test/integration/log-lines";
import { applyMigrations } from "../db/migrate";

const root = path.resolve(__dirname, "../..");
const serverUrl = process.env.DATABASE_URL!;
const database = `worker_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
let databaseUrl: string;
let db: pg.Client;

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  KAFKA_BROKERS: process.env.KAFKA_BROKERS,
  SYNCDECK_LAG_INTERVAL_MS: "1000",
  ...extra,
});

function run(args: string[], environment: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(root, "bin/syncdeck.js"), "worker", ...args], { cwd: os.tmpdir(), env: environment });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  databaseUrl = url.toString();
  await applyMigrations(databaseUrl);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
});

describe("syncdeck worker", () => {
  it("runs the workers, samples lag, and exits 0 within 10 s of SIGTERM", async () => {
    const worker = run([], env());
    try {
      const sampledAt = async () => (await db.query<{ sampled_at: Date }>("SELECT sampled_at FROM lag_sampler_status WHERE id = 1")).rows[0]?.sampled_at.getTime();
      const first = await waitFor("a lag sample", sampledAt, 60_000);
      await waitFor("a later lag sample", async () => ((await sampledAt())! > first ? true : undefined), 30_000);
      expect(logMessages(worker.output())).toContain("running lag, dlq, tenant-jobs, reconcile");
      const stoppedAt = Date.now();
      worker.child.kill("SIGTERM");
      expect(await worker.exited, worker.output()).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      expect(logMessages(worker.output())).toContain("SIGTERM: stopping lag, dlq, tenant-jobs, reconcile");
    } finally {
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    }
  }, 120_000);

  it("refuses what it cannot run, saying why, with exit code 2", async () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [["--only", "lag,backup"], env(), /worker: --only: unknown worker backup; the workers are: lag, dlq, tenant-jobs, reconcile/],
      [["--only", "lag"], env({ SYNCDECK_LAG_SAMPLER: "off" }), /worker: no worker left to run \(SYNCDECK_LAG_SAMPLER=off\)/],
      [[], { ...env(), KAFKA_BROKERS: undefined }, /worker: KAFKA_BROKERS is not set/],
      [[], { ...env(), DATABASE_URL: undefined }, /worker: DATABASE_URL is not set/],
    ];
    for (const [args, environment, message] of cases) {
      const worker = run(args, environment);
      expect(await worker.exited, args.join(" ")).toBe(2);
      expect(worker.output(), args.join(" ")).toMatch(message);
    }
  });
});
