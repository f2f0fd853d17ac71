/**
 * SyncDeck installed the production way, without the demo: an empty database, `syncdeck migrate`,
 * two admins from `syncdeck admin create`, `syncdeck environment add local`, then the console
 * (standalone server), the workers and the local environment's agent as three processes of the
 * compiled command against the test broker, a Kafka Connect worker with Debezium and Postgres.
 * In Chromium, one admin signs in and requests a tenant, the other approves it; the worker process
 * provisions it, the agent process starts its processors; a row written to the tenant's source
 * reaches the target; the console's /api/metrics (with its bearer token) shows the tenant's
 * consumer groups and the agent's metrics port its processors' counters. Then each process gets
 * SIGTERM and must exit 0 within 10 s.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTenant, waitFor } from "../../pipeline/shared/testing";
import { databaseUrl as databaseUrlOf, dropSourceDatabase, sourceDatabaseName } from "@/lib/source-db/source-db";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { buildConsole, consoleBuildIsStale } from "../../scripts/stack/console";
import { freePort } from "../../scripts/stack/net";
import { createConnectClient } from "../../server/connect/connect-client";
import { connectorName, slotName } from "@/lib/connect/connector-config";
import { createScratchDatabase, type ScratchDatabase } from "@/test/integration/throwaway-database";

const root = path.resolve(__dirname, "../..");
const serverUrl = process.env.DATABASE_URL!;
let scratch: ScratchDatabase | undefined;
const tenant = testTenant("it-install");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-install-"));
const admins = [
  { email: "first.admin@example.com", name: "First Admin", password: "first-admin-password-1" },
  { email: "second.admin@example.com", name: "Second Admin", password: "second-admin-password-2" },
];
let databaseUrl: string;
let connect: RunningConnect;
let port: number;
let workerMetricsPort: number;
let agentMetricsPort: number;
const METRICS_TOKEN = "install-test-metrics-token-0123456789";
let browser: Browser | undefined;
const processes: Record<string, { child: ChildProcess; exited: Promise<number | null>; output: () => string }> = {};

function productionEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    SOURCE_DATABASE_SERVER_URL: serverUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    KAFKA_CONNECT_URL: connect.url,
    NEXTAUTH_SECRET: "production-install-test-secret-0123456789",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    HEARTBEAT_INTERVAL_MS: "1000",
    SYNCDECK_LAG_INTERVAL_MS: "2000",
    SYNCDECK_METRICS_TOKEN: METRICS_TOKEN,
    SYNCDECK_METRICS_HOST: "127.0.0.1",
  };
}

type Sample = { value: string; labels?: Record<string, string> };
const samplesOf = (families: ParsedFamily[], name: string) =>
  (families.find((f) => f.name === name)?.metrics ?? []) as Sample[];

async function syncdeck(args: string[], stdin?: string): Promise<string> {
  const child = promisify(execFile)(process.execPath, [path.join(root, "bin/syncdeck.js"), ...args], {
    cwd: dir,
    env: productionEnv(),
  });
  if (stdin !== undefined) child.child.stdin!.end(stdin);
  return (await child).stdout;
}

function start(name: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const child = spawn(process.execPath, [path.join(root, "bin/syncdeck.js"), ...args], {
    cwd: dir,
    env: { ...productionEnv(), ...extraEnv },
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  processes[name] = {
    child,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    output: () => output,
  };
}

const everyOutput = () =>
  Object.entries(processes)
    .map(([name, p]) => `--- ${name}\n${p.output().split("\n").slice(-30).join("\n")}`)
    .join("\n");

async function signedIn(email: string, password: string): Promise<BrowserContext> {
  const context = await browser!.newContext({ baseURL: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 60_000 });
  await page.getByTestId("user-name").waitFor();
  expect(await page.getByTestId("user-name").textContent()).toBe(admins.find((a) => a.email === email)!.name);
  return context;
}

beforeAll(async () => {
  if (consoleBuildIsStale()) buildConsole();
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  scratch = await createScratchDatabase("install", { migrate: false });
  databaseUrl = scratch.url;
  port = await freePort();
  workerMetricsPort = await freePort();
  agentMetricsPort = await freePort();
  connect = await startConnect({
    brokers: process.env.KAFKA_BROKERS!,
    dataDir: path.join(dir, "connect"),
    groupId: `it.install-connect.${scratch.name}`,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const p of Object.values(processes))
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  await createConnectClient(connect.url)
    .deleteConnector(connectorName(tenant))
    .catch(() => undefined);
  await connect?.stop();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin
    .query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active", [
      slotName(tenant),
    ])
    .catch(() => undefined);
  await admin.end();
  await scratch?.drop();
  await dropSourceDatabase(serverUrl, tenant).catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe("installing SyncDeck the production way", () => {
  it("migrates, creates admins and an environment, runs console, worker and agent, onboards a tenant through the browser, syncs a row and stops cleanly", async () => {
    expect(await syncdeck(["migrate"])).toMatch(/roles and permissions written/);
    for (const a of admins)
      expect(
        await syncdeck(
          ["admin", "create", "--email", a.email, "--name", a.name, "--password-stdin"],
          `${a.password}\n`,
        ),
      ).toMatch(/is an admin/);
    const environmentAdded = await syncdeck([
      "environment",
      "add",
      "local",
      "--driver",
      "local",
      "--title",
      "This host",
    ]);
    expect(environmentAdded).toMatch(/created/);
    // The agent starts only with the token `environment add` printed.
    const agentToken = /^agent token: (\S+)$/m.exec(environmentAdded)?.[1];
    expect(agentToken).toBeDefined();

    start("console", ["console", "--port", String(port), "--host", "127.0.0.1"]);
    start("worker", ["worker", "--metrics-port", String(workerMetricsPort)]);
    start(
      "agent",
      [
        "agent",
        "--environment",
        "local",
        "--log-dir",
        path.join(dir, "processors"),
        "--metrics-port",
        String(agentMetricsPort),
      ],
      { SYNCDECK_AGENT_TOKEN: agentToken! },
    );
    await waitFor(
      "the console to be ready",
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/readyz`).catch(() => null);
        return response?.status === 200 ? true : undefined;
      },
      90_000,
    ).catch((error) => {
      throw new Error(`${String(error)}\n${everyOutput()}`);
    });

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    const requester = await signedIn(admins[0]!.email, admins[0]!.password);
    const requested = await requester.request.post("/api/tenants", {
      headers: { origin: `http://127.0.0.1:${port}` },
      data: {
        name: "Initech Health",
        slug: tenant,
        contacts: [{ name: "Pat Lee", email: "pat@initech.test" }],
        source: { kind: "managed" },
        expectedDailyChanges: 100_000,
        peakChangesPerSecond: 100,
        entities: ["members", "claims"],
        environment: "local",
      },
    });
    expect(requested.status(), await requested.text()).toBe(201);
    expect(
      (
        await requester.request.post(`/api/tenants/${tenant}/approve`, {
          headers: { origin: `http://127.0.0.1:${port}` },
        })
      ).status(),
    ).toBe(403);

    const approver = await signedIn(admins[1]!.email, admins[1]!.password);
    const approved = await approver.request.post(`/api/tenants/${tenant}/approve`, {
      headers: { origin: `http://127.0.0.1:${port}` },
    });
    expect(approved.status(), await approved.text()).toBe(200);
    const status = await waitFor(
      "the tenant to be provisioned",
      async () => {
        const detail = await (await approver.request.get(`/api/tenants/${tenant}`)).json();
        return ["ACTIVE", "PROVISION_FAILED"].includes(detail.tenant.status) ? detail.tenant.status : undefined;
      },
      300_000,
    );
    expect(status, everyOutput()).toBe("ACTIVE");

    const source = new pg.Client({ connectionString: databaseUrlOf(serverUrl, sourceDatabaseName(tenant)) });
    await source.connect();
    await source.query(
      `INSERT INTO members (member_id, first_name, last_name, date_of_birth, city, state) VALUES ('M900001', 'Grace', 'Hopper', '1906-12-09', 'Arlington', 'VA')`,
    );
    await source.end();
    const target = new pg.Client({ connectionString: databaseUrl });
    await target.connect();
    try {
      await waitFor(
        "the source row in the target",
        async () =>
          (
            await target.query(
              "SELECT 1 FROM target_members WHERE tenant = $1 AND member_id = 'M900001' AND last_name = 'Hopper'",
              [tenant],
            )
          ).rowCount
            ? true
            : undefined,
        120_000,
      ).catch((error) => {
        throw new Error(`${String(error)}\n${everyOutput()}`);
      });
    } finally {
      await target.end();
    }

    const metricsUrl = `http://127.0.0.1:${port}/api/metrics`;
    expect((await fetch(metricsUrl)).status).toBe(401);
    const consoleMetrics = await waitFor(
      "the tenant's update-processor group in the console's metrics",
      async () => {
        const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
        expect(response.status).toBe(200);
        const families = parsePrometheusTextFormat(await response.text());
        const status = samplesOf(families, "syncdeck_consumer_group_status").find(
          (s) => s.labels?.tenant === tenant && s.labels?.stage === "update-processor",
        );
        // a group's first sample may come before its first commit: per-partition lag follows with the next
        const partitions = samplesOf(families, "syncdeck_consumer_partition_lag_messages").some(
          (s) => s.labels?.tenant === tenant,
        );
        return status && partitions ? families : undefined;
      },
      60_000,
    );
    expect(samplesOf(consoleMetrics, "syncdeck_process_resident_memory_bytes")).toHaveLength(1);
    const agentMetrics = parsePrometheusTextFormat(
      await (
        await fetch(`http://127.0.0.1:${agentMetricsPort}/metrics`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).text(),
    );
    const applied = samplesOf(agentMetrics, "syncdeck_processor_messages_applied_total").filter(
      (s) => s.labels?.tenant === tenant,
    );
    expect(
      applied.reduce((sum, s) => sum + Number(s.value), 0),
      everyOutput(),
    ).toBeGreaterThanOrEqual(1);
    // a tenant this small (peak 100/s) is placed in the onboarding pool, whose processors the agent runs
    expect(
      samplesOf(agentMetrics, "syncdeck_agent_processor_up")
        .filter((s) => s.labels?.tenant === "pool-shared")
        .map((s) => s.value),
    ).toEqual(["1", "1", "1"]);
    expect((await fetch(`http://127.0.0.1:${workerMetricsPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).status).toBe(401);

    for (const name of ["console", "worker", "agent"]) {
      const p = processes[name]!;
      const stoppedAt = Date.now();
      p.child.kill("SIGTERM");
      expect(await p.exited, `${name}:\n${p.output()}`).toBe(0);
      expect(Date.now() - stoppedAt, name).toBeLessThan(10_000);
    }
  }, 900_000);
});
