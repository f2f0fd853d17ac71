/**
 * `syncdeck agent` with the compiled processors: an environment added with the command, a queued
 * deployment of an update-processor, the agent started as its own process — it starts
 * `dist/syncdeck.cjs processor update-processor` (no TypeScript runtime), the rollout succeeds once
 * the instance heartbeats and joins the group, the processor applies a change (and the agent's
 * metrics port shows it counted), and SIGTERM stops the agent and its processor with exit code 0.
 * Before that: the agent refuses to start (exit 2) without its environment's token, with a wrong
 * one, and with one that was rotated away.
 */
import { spawn } from "node:child_process";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { testKafka, testTenant, waitFor } from "../../pipeline/shared/testing";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { createProducer } from "@/lib/kafka/client";
import { logMessages, parseLogLines } from "../../test/integration/log-lines";
import { freePort } from "../../scripts/stack/net";
import { createScratchDatabase, type ScratchDatabase } from "@/test/integration/throwaway-database";

const root = path.resolve(__dirname, "../..");
let scratch: ScratchDatabase | undefined;
const tenant = testTenant("it-agent");
const environmentId = "agent-it";
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-agent-"));
let databaseUrl: string;
let db: pg.Client;
let agentToken: string;
let metricsPort: number;

const env = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  KAFKA_BROKERS: process.env.KAFKA_BROKERS,
  HEARTBEAT_INTERVAL_MS: "1000",
  SYNCDECK_METRICS_PORT: String(metricsPort),
});
const syncdeck = (args: string[], extra: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [path.join(root, "bin/syncdeck.js"), ...args], {
    env: { ...env(), ...extra },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
const printedToken = (stdout: string) => /^agent token: (sdat_\S+)$/m.exec(stdout)?.[1];

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  metricsPort = await freePort();
  scratch = await createScratchDatabase("agent", { migrate: true });
  databaseUrl = scratch.url;
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const kafka = testKafka();
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  await ensureTenantTopics(kafkaAdmin, tenant, 2);
  await kafkaAdmin.disconnect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await scratch?.drop();
  fs.rmSync(logDir, { recursive: true, force: true });
});

describe("syncdeck agent", () => {
  it("starts only with its environment's current agent token (exit 2 otherwise), which only the command ever shows", async () => {
    const added = await syncdeck(["environment", "add", environmentId, "--driver", "local"]);
    expect(added.stdout).toMatch(/created/);
    const first = printedToken(added.stdout)!;
    expect(first).toMatch(/^sdat_[A-Za-z0-9_-]{43}$/);

    const agentArgs = ["agent", "--environment", environmentId, "--log-dir", logDir];
    expect(await syncdeck(agentArgs)).toMatchObject({
      code: 2,
      stderr:
        "syncdeck: agent: SYNCDECK_AGENT_TOKEN is not set; it is the token printed by `syncdeck environment add` or `rotate-token`\n",
    });
    expect(await syncdeck(agentArgs, { SYNCDECK_AGENT_TOKEN: `${first}x` })).toMatchObject({
      code: 2,
      stderr: `syncdeck: agent: SYNCDECK_AGENT_TOKEN is not the agent token of environment ${environmentId} (rotated? see \`syncdeck environment rotate-token\`)\n`,
    });

    const rotated = await syncdeck(["environment", "rotate-token", environmentId]);
    expect(rotated).toMatchObject({ code: 0, stderr: "" });
    expect(rotated.stdout).toMatch(
      new RegExp(
        `^environment rotate-token: ${environmentId} has a new agent token; the old one no longer starts an agent\n`,
      ),
    );
    agentToken = printedToken(rotated.stdout)!;
    expect(agentToken).toMatch(/^sdat_/);
    expect(agentToken).not.toBe(first);
    expect((await syncdeck(agentArgs, { SYNCDECK_AGENT_TOKEN: first })).code).toBe(2);

    // Only a hash is stored; neither the token nor the hash is in the audit log.
    const { rows: stored } = await db.query<{ agent_token_hash: string; agent_connected_at: Date | null }>(
      "SELECT agent_token_hash, agent_connected_at FROM environments WHERE id = $1",
      [environmentId],
    );
    expect(stored[0]!.agent_token_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stored[0]!.agent_connected_at, "a refused agent is not recorded as connected").toBeNull();
    const { rows: audit } = await db.query<{ action: string; data: string }>(
      "SELECT action, concat(before::text, ' ', after::text) AS data FROM audit_events WHERE target = $1 ORDER BY id",
      [`environment:${environmentId}`],
    );
    expect(audit.map((a) => a.action)).toEqual(["environment.create", "environment.agent_token.rotate"]);
    for (const { data } of audit) {
      expect(data).toContain("agentTokenCreatedAt");
      for (const secret of [first, agentToken, stored[0]!.agent_token_hash.slice(7), "sdat_"])
        expect(data).not.toContain(secret);
    }
  });

  it("runs an environment's processors as compiled `syncdeck processor` instances and stops them on SIGTERM", async () => {
    expect(agentToken, "the token test ran first").toBeDefined();
    await db.query(
      `INSERT INTO deployments (id, environment_id, tenant, stage, revision, action, version, config, replicas, state, reason, requested_by)
       VALUES (gen_random_uuid(), $1, $2, 'update-processor', 1, 'deploy', 'it', '{}', 1, 'QUEUED', 'agent test', 'it@syncdeck.test')`,
      [environmentId, tenant],
    );

    const startedAt = new Date();
    const agent = spawn(
      process.execPath,
      [path.join(root, "bin/syncdeck.js"), "agent", "--environment", environmentId, "--log-dir", logDir],
      {
        cwd: os.tmpdir(),
        env: { ...env(), SYNCDECK_AGENT_TOKEN: agentToken },
      },
    );
    let output = "";
    agent.stdout.on("data", (d: Buffer) => (output += d.toString()));
    agent.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => agent.on("exit", (code) => resolve(code)));
    try {
      const state = await waitFor(
        "the rollout to finish",
        async () => {
          const { rows } = await db.query<{ state: string; message: string | null }>(
            "SELECT state, message FROM deployments WHERE environment_id = $1",
            [environmentId],
          );
          return rows[0] && ["SUCCEEDED", "FAILED"].includes(rows[0].state) ? rows[0] : undefined;
        },
        90_000,
      );
      expect(state, output).toMatchObject({ state: "SUCCEEDED" });

      // The instance runs the compiled command, not a TypeScript entry point.
      const { rows: beats } = await db.query<{ pid: number }>(
        "SELECT pid FROM processor_heartbeats WHERE tenant = $1 AND stage = 'update-processor'",
        [tenant],
      );
      expect(beats).toHaveLength(1);
      const commandLine = fs.readFileSync(`/proc/${beats[0]!.pid}/cmdline`, "utf8").split("\u0000");
      expect(commandLine).toEqual(
        expect.arrayContaining([
          path.join(root, "dist/syncdeck.cjs"),
          "processor",
          "update-processor",
          "--tenant",
          tenant,
        ]),
      );
      expect(commandLine.join(" ")).not.toMatch(/tsx/);
      // The processor does not get the agent's token.
      expect(
        fs
          .readFileSync(`/proc/${beats[0]!.pid}/environ`, "utf8")
          .split("\u0000")
          .some((v) => v.startsWith("SYNCDECK_AGENT_TOKEN=")),
      ).toBe(false);
      const { rows: connected } = await db.query<{ agent_connected_at: Date | null }>(
        "SELECT agent_connected_at FROM environments WHERE id = $1",
        [environmentId],
      );
      expect(connected[0]!.agent_connected_at!.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);

      // It applies a change.
      const producer = createProducer(testKafka(), { idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
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
          dateOfBirth: "1980-05-17",
          addressLine: "1 Main St",
          city: "Springfield",
          state: "IL",
          postalCode: "62701",
          planId: "P-1",
          status: "ACTIVE",
        },
      };
      await producer.send({
        topic: tenantTopics(tenant).updates,
        messages: [{ key: "M1", value: JSON.stringify(update) }],
      });
      await producer.disconnect();
      await waitFor(
        "the member in the target",
        async () =>
          (await db.query("SELECT 1 FROM target_members WHERE tenant = $1 AND member_id = 'M1'", [tenant])).rowCount
            ? true
            : undefined,
        30_000,
      );

      // The compiled processor counts it, and the agent serves its metrics.
      const applied = await waitFor(
        "the applied change in the agent's metrics",
        async () => {
          const families = parsePrometheusTextFormat(
            await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(),
          );
          const sample = families
            .find((f) => f.name === "syncdeck_processor_messages_applied_total")
            ?.metrics.find((m) => m.labels?.tenant === tenant);
          return sample && "value" in sample && Number(sample.value) >= 1 ? sample : undefined;
        },
        30_000,
      );
      expect(applied.labels).toMatchObject({
        stage: "update-processor",
        instance_id: expect.stringContaining(environmentId),
      });

      const pid = beats[0]!.pid;
      const stoppedAt = Date.now();
      agent.kill("SIGTERM");
      expect(await exited, output).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(25_000);
      expect(() => process.kill(pid, 0), "the processor has stopped too").toThrow();
      expect(logMessages(output)).toContain("SIGTERM: stopping the processors");
      // the agent's log and its processor's (in the log directory) are JSON lines
      expect(
        parseLogLines(output).every((l) => l.component === "agent" && l.environment === environmentId),
        output,
      ).toBe(true);
      const processorLog = fs.readFileSync(path.join(logDir, `update-processor-${tenant}-1.log`), "utf8");
      expect(parseLogLines(processorLog).map((l) => [l.component, l.tenant])).toContainEqual(["processor", tenant]);
      expect(logMessages(processorLog)).toEqual(
        expect.arrayContaining(["SIGTERM: finishing the current batch", "stopped"]),
      );
      const admin = testKafka().admin();
      await admin.connect();
      const group = await admin.describeGroups([consumerGroup(tenant, "update-processor")]);
      await admin.disconnect();
      expect(group.groups[0]!.members).toHaveLength(0);
    } finally {
      if (agent.exitCode === null) agent.kill("SIGKILL");
    }
  }, 200_000);
});
