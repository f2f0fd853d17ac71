/**
 * `syncdeck worker`: the background workers in a process of their own against a migrated database
 * and the integration broker — the lag sampler samples (its status row moves), unknown worker names
 * and missing configuration are refused with exit code 2, and SIGTERM ends it with 0 within 10 s.
 * It serves Prometheus /metrics (process metrics, one syncdeck_worker_up per worker) and /healthz.
 */
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../pipeline/shared/testing";
import { logMessages } from "../../test/integration/log-lines";
import { createScratchDatabase, type ScratchDatabase } from "@/test/integration/throwaway-database";

const root = path.resolve(__dirname, "../..");
let scratch: ScratchDatabase | undefined;
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(args: string[], environment: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(root, "bin/syncdeck.js"), "worker", ...args], {
    cwd: os.tmpdir(),
    env: environment,
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  scratch = await createScratchDatabase("worker", { migrate: true });
  databaseUrl = scratch.url;
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await scratch?.drop();
});

describe("syncdeck worker", () => {
  it("runs the workers, samples lag, serves its metrics, and exits 0 within 10 s of SIGTERM", async () => {
    const metricsPort = await freePort();
    const worker = run([], env({ SYNCDECK_METRICS_PORT: String(metricsPort), SYNCDECK_METRICS_HOST: "127.0.0.1" }));
    try {
      const sampledAt = async () =>
        (
          await db.query<{ sampled_at: Date }>("SELECT sampled_at FROM lag_sampler_status WHERE id = 1")
        ).rows[0]?.sampled_at.getTime();
      const first = await waitFor("a lag sample", sampledAt, 60_000);
      await waitFor("a later lag sample", async () => ((await sampledAt())! > first ? true : undefined), 30_000);
      expect(logMessages(worker.output())).toContain("running lag, dlq, tenant-jobs, reconcile, tenant-moves");
      expect(logMessages(worker.output())).toContain(`metrics on http://127.0.0.1:${metricsPort}/metrics`);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(200);
      const families = parsePrometheusTextFormat(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
      const up = families
        .find((f) => f.name === "syncdeck_worker_up")!
        .metrics.map((m) => ("value" in m ? [m.labels?.worker, m.value] : []));
      expect(up).toEqual([
        ["lag", "1"],
        ["dlq", "1"],
        ["tenant-jobs", "1"],
        ["reconcile", "1"],
        ["tenant-moves", "1"],
      ]);
      expect(families.find((f) => f.name === "syncdeck_process_cpu_seconds_total")?.type).toBe("COUNTER");
      const stoppedAt = Date.now();
      worker.child.kill("SIGTERM");
      expect(await worker.exited, worker.output()).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      expect(logMessages(worker.output())).toContain(
        "SIGTERM: stopping lag, dlq, tenant-jobs, reconcile, tenant-moves",
      );
    } finally {
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    }
  }, 120_000);

  it("refuses what it cannot run, saying why, with exit code 2", async () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [
        ["--only", "lag,backup"],
        env(),
        /worker: --only: unknown worker backup; the workers are: lag, dlq, tenant-jobs, reconcile, tenant-moves/,
      ],
      [
        ["--only", "lag"],
        env({ SYNCDECK_LAG_SAMPLER: "off" }),
        /worker: no worker left to run \(SYNCDECK_LAG_SAMPLER=off\)/,
      ],
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
