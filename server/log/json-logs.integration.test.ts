/**
 * The log contract of the long-running processes, run as operators run them (`node
 * dist/syncdeck.cjs …`): every stdout line is a JSON object with level, time, component and msg,
 * processors' lines name their tenant and stage, and no line carries a secret the process was
 * given (the database password, SASL password, session and webhook secrets) or member health data
 * it handled.
 */
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { testKafka, testTenant, waitFor } from "@/pipeline/shared/testing";
import { tenantTopics } from "@/lib/contract/topics";
import { createProducer } from "@/lib/kafka/client";
import { parseLogLines, type LogLine } from "@/test/integration/log-lines";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";

const root = path.resolve(__dirname, "../..");
const tenant = testTenant("it-logs");
const MARKERS = {
  NEXTAUTH_SECRET: "nextauth-marker-5c1e9d0a7b3f4e2a8d6c1b0f9e8d7c6b",
  SYNCDECK_WEBHOOK_SECRET: "webhook-marker-2b7f",
  KAFKA_SASL_PASSWORD: "sasl-marker-9e41",
};
const HEALTH_DATA = ["Ada", "Lovelace", "1815-12-10", "12 St James"];
// The processes connect as a role of their own whose password is a marker (the integration
// server's admin password is the word "postgres", which cannot be looked for in a log).
const role = `logs_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const DB_PASSWORD = `db-marker-${randomUUID().slice(0, 8)}`;
let processDatabaseUrl: string;
let producer: Producer;
let db: pg.Client;

withThrowawayDatabase("logs", { demo: false });

async function asAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  const admin = testKafka().admin();
  await admin.connect();
  await ensureTenantTopics(admin, tenant, 1);
  await admin.disconnect();
  producer = createProducer(testKafka());
  await producer.connect();
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await asAdmin(process.env.DATABASE_URL!, `CREATE ROLE "${role}" LOGIN SUPERUSER PASSWORD '${DB_PASSWORD}'`);
  const url = new URL(process.env.DATABASE_URL!);
  url.username = role;
  url.password = DB_PASSWORD;
  processDatabaseUrl = url.toString();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await db?.end();
  // before the database is dropped (its hook runs last): what the role created there goes to the admin
  await asAdmin(
    process.env.DATABASE_URL!,
    `REASSIGN OWNED BY "${role}" TO CURRENT_USER; DROP OWNED BY "${role}"; DROP ROLE "${role}"`,
  );
});

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  NODE_ENV: "production",
  DATABASE_URL: processDatabaseUrl,
  KAFKA_BROKERS: process.env.KAFKA_BROKERS,
  LOG_LEVEL: "debug",
  NEXTAUTH_SECRET: MARKERS.NEXTAUTH_SECRET,
  SYNCDECK_WEBHOOK_SECRET: MARKERS.SYNCDECK_WEBHOOK_SECRET,
  ...extra,
});

function syncdeck(args: string[], environment: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(root, "dist/syncdeck.cjs"), ...args], {
    cwd: os.tmpdir(),
    env: environment,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const lines = () => parseLogLines(stdout);
  const said = (text: string) => lines().some((l) => l.msg.includes(text));
  return { child, exited, lines, said, stdout: () => stdout, stderr: () => stderr };
}

/** The secrets a child was given: the database password and the markers. */
function secretsOf(environment: NodeJS.ProcessEnv): string[] {
  expect(decodeURIComponent(new URL(environment.DATABASE_URL!).password)).toBe(DB_PASSWORD);
  return [DB_PASSWORD, ...Object.values(MARKERS)];
}

function expectContract(lines: LogLine[], output: string, environment: NodeJS.ProcessEnv, component: string): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line, JSON.stringify(line)).toMatchObject({
      level: expect.stringMatching(/^(trace|debug|info|warn|error|fatal)$/),
      component,
      msg: expect.any(String),
    });
    expect(new Date(line.time).toISOString(), JSON.stringify(line)).toBe(line.time);
  }
  for (const secret of [...secretsOf(environment), ...HEALTH_DATA])
    expect(output, `a line carries "${secret}"`).not.toContain(secret);
}

describe("JSON logs of the long-running processes", () => {
  it("syncdeck worker: every line JSON, the workers named, kafkajs' lines included, no secret", async () => {
    const environment = env({ SYNCDECK_LAG_INTERVAL_MS: "500" });
    const worker = syncdeck(["worker"], environment);
    try {
      await waitFor(
        "a lag sample",
        async () =>
          (await db.query("SELECT 1 FROM lag_sampler_status WHERE id = 1 AND sampled_at IS NOT NULL")).rowCount
            ? true
            : undefined,
        60_000,
      );
      await waitFor(
        "the lag worker's leader line",
        async () => (worker.said("leader: sampling consumer lag") ? true : undefined),
        30_000,
      );
      worker.child.kill("SIGTERM");
      expect(await worker.exited, worker.stdout() + worker.stderr()).toBe(0);
      const lines = worker.lines();
      expectContract(lines, worker.stdout() + worker.stderr(), environment, "worker");
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: "info",
            msg: "running lag, dlq, tenant-jobs, reconcile, tenant-moves",
            workers: ["lag", "dlq", "tenant-jobs", "reconcile", "tenant-moves"],
          }),
          expect.objectContaining({ worker: "lag", msg: "leader: sampling consumer lag" }),
          expect.objectContaining({
            lib: "kafkajs",
            kafka: expect.objectContaining({ namespace: expect.any(String) }),
          }),
          expect.objectContaining({
            msg: "SIGTERM: stopping lag, dlq, tenant-jobs, reconcile, tenant-moves",
            signal: "SIGTERM",
          }),
        ]),
      );
    } finally {
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    }
  }, 120_000);

  it("a processor: every line JSON with its tenant and stage, none with the member's health data it applied", async () => {
    const environment = env({ HEARTBEAT_INTERVAL_MS: "500" });
    const processor = syncdeck(
      ["processor", "update-processor", "--tenant", tenant, "--instance-id", `${tenant}-1`],
      environment,
    );
    try {
      await waitFor("the running line", async () => (processor.said("running as") ? true : undefined), 60_000);
      const update = {
        tenant,
        entity: "member",
        op: "upsert",
        id: "M1",
        memberId: "M1",
        sourceLsn: "100",
        sourceVersion: 1,
        sourceTsMs: Date.now(),
        cdcTopic: `sync.${tenant}.cdc.members`,
        cdcPartition: 0,
        cdcOffset: "0",
        data: {
          memberId: "M1",
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1815-12-10",
          addressLine: "12 St James's Square",
          city: "London",
          state: "IL",
          postalCode: "62701",
          planId: "P-1",
          status: "ACTIVE",
        },
      };
      await producer.send({
        topic: tenantTopics(tenant).updates,
        acks: -1,
        messages: [{ key: "M1", value: JSON.stringify(update) }],
      });
      await waitFor(
        "the member in the target",
        async () =>
          (await db.query("SELECT 1 FROM target_members WHERE tenant = $1 AND member_id = 'M1'", [tenant])).rowCount
            ? true
            : undefined,
        30_000,
      );
      processor.child.kill("SIGTERM");
      expect(await processor.exited, processor.stdout() + processor.stderr()).toBe(0);
      const lines = processor.lines();
      expectContract(lines, processor.stdout() + processor.stderr(), environment, "processor");
      for (const line of lines)
        expect(line, JSON.stringify(line)).toMatchObject({
          tenant,
          stage: "update-processor",
          instanceId: `${tenant}-1`,
        });
      expect(lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^running as /),
          "SIGTERM: finishing the current batch",
          "stopped",
        ]),
      );
    } finally {
      if (processor.child.exitCode === null) processor.child.kill("SIGKILL");
    }
  }, 120_000);

  it("a processor that cannot authenticate to Kafka says so in JSON lines without the SASL password", async () => {
    const environment = env({
      KAFKA_SASL_MECHANISM: "plain",
      KAFKA_SASL_USERNAME: "syncdeck",
      KAFKA_SASL_PASSWORD: MARKERS.KAFKA_SASL_PASSWORD,
    });
    const processor = syncdeck(
      ["processor", "update-processor", "--tenant", tenant, "--instance-id", `${tenant}-sasl`],
      environment,
    );
    try {
      expect(await processor.exited, processor.stdout() + processor.stderr()).toBe(1);
      const lines = processor.lines();
      expectContract(lines, processor.stdout() + processor.stderr(), environment, "processor");
      expect(lines.at(-1)).toMatchObject({ level: "fatal", tenant, msg: expect.stringMatching(/^cannot start: /) });
    } finally {
      if (processor.child.exitCode === null) processor.child.kill("SIGKILL");
    }
  }, 120_000);

  it("refuses a LOG_LEVEL it does not know before starting: exit 2 (bad configuration) for the worker and a processor, naming the levels", async () => {
    const worker = syncdeck(["worker"], env({ LOG_LEVEL: "verbose" }));
    expect(await worker.exited).toBe(2);
    expect(worker.stderr()).toContain(
      'syncdeck: worker: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal; got "verbose"',
    );
    const processor = syncdeck(["processor", "update-processor", "--tenant", tenant], env({ LOG_LEVEL: "verbose" }));
    expect(await processor.exited).toBe(2);
    expect(processor.stderr()).toContain(
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal; got "verbose"',
    );
  }, 60_000);
});
