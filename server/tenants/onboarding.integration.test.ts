/**
 * Tenant onboarding end to end against the real broker, Kafka Connect and Postgres, with the
 * deployment agent running the processors as real child processes:
 * - request → decline → resubmit → approve by a second admin → provisioning → ACTIVE; the topics
 *   have the planned partitions and retention, the connector runs, changes written to the new
 *   tenant's source reach its target; suspend and resume;
 * - the requester can never approve, nor an admin their own request;
 * - a provisioning worker killed (SIGKILL) mid-step is taken over; a step that then fails leaves
 *   PROVISION_FAILED with the step and reason; retry completes with no duplicate deployment,
 *   connector, slot or audit record; offboarding deletes what it listed and keeps the rest.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS, type RoleName } from "@/server/auth/permissions";
import { createConnectClient, type ConnectClient } from "@/server/connect/connect-client";
import { connectorName, heartbeatTopic, slotName } from "@/lib/connect/connector-config";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { seed } from "../../prisma/seed";
import { tenantTopicNames } from "@/lib/kafka/ensure-topics";
import { testKafka, testTenant, waitFor } from "../../pipeline/shared/testing";
import { STAGES, consumerGroup } from "@/lib/contract/topics";
import { databaseUrl, dropSourceDatabase, sourceDatabaseName, withClient } from "@/lib/source-db/source-db";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { createLocalDriver } from "../../scripts/stack/local-driver";
import { REPO_ROOT } from "../../scripts/stack/maven";
import { spawnManaged } from "../../scripts/stack/process";
import { startDeploymentAgent, type DeploymentAgent } from "../deployments/agent";
import type { JobStep } from "./job-steps";
import { startTenantJobWorker, type TenantJobWorker } from "@/server/workers/tenant-jobs.worker";
import { allTenantTopics } from "./tenant-topics";
import { routeTenant } from "@/test/integration/route-tenant";
import type { RequestContext } from "@/server/audit/record-audit";
import * as service from "./service";
import { submitRequest } from "./service";

// As the tenant routes call them: the checks before the lookup, then the tenant, then the action.
const visible = (viewer: Viewer, slug: string, first?: (viewer: Viewer) => void) =>
  routeTenant(viewer, slug, null, first);
const approveRequest = async (viewer: Viewer, context: RequestContext, slug: string) =>
  service.approveRequest(viewer, context, await visible(viewer, slug, service.assertApprover));
const declineRequest = async (viewer: Viewer, context: RequestContext, slug: string, body: unknown) =>
  service.declineRequest(viewer, context, await visible(viewer, slug, service.assertApprover), body);
const getPreflight = async (viewer: Viewer, slug: string) =>
  service.getPreflight(viewer, await visible(viewer, slug, service.assertApprover));
const getTenantDetail = async (viewer: Viewer, slug: string) =>
  service.getTenantDetail(viewer, await visible(viewer, slug));
const resubmitRequest = async (viewer: Viewer, context: RequestContext, slug: string, body: unknown) =>
  service.resubmitRequest(viewer, context, await visible(viewer, slug, service.assertMayRequest), body);
const assignSourceSecret = async (viewer: Viewer, context: RequestContext, slug: string, body: unknown) =>
  service.assignSourceSecret(viewer, context, await visible(viewer, slug, service.assertMayAssignSecret), body);
const retryJob = async (viewer: Viewer, context: RequestContext, slug: string) =>
  service.retryJob(viewer, context, await visible(viewer, slug, service.assertMayRetry));
const suspendTenant = async (viewer: Viewer, context: RequestContext, slug: string) =>
  service.suspendTenant(viewer, context, await visible(viewer, slug, service.assertManager));
const resumeTenant = async (viewer: Viewer, context: RequestContext, slug: string) =>
  service.resumeTenant(viewer, context, await visible(viewer, slug, service.assertManager));
const offboardTenant = async (viewer: Viewer, context: RequestContext, slug: string, body: unknown) =>
  service.offboardTenant(viewer, context, await visible(viewer, slug, service.assertManager), body);

const run = randomUUID().slice(0, 6);
const context = { requestId: "it-onboarding", sourceAddress: "127.0.0.1" };
const environmentA = `it-onb-a-${run}`;
const environmentB = `it-onb-b-${run}`;
const first = testTenant("it-onb");
const second = testTenant("it-onb-crash");
const externalDb = `ext_${run}`;
const secretName = `IT_${run.toUpperCase().replaceAll(/[^A-Z0-9]/g, "X")}`;
const step = (what: string) => console.log(`[onboarding it] ${new Date().toISOString()} ${what}`);

let connect: RunningConnect;
let connectClient: ConnectClient;
let kafkaAdmin: Admin;
let agentA: DeploymentAgent;
let agentB: DeploymentAgent | undefined;
let worker: TenantJobWorker | undefined;
let dir: string;
const users: Record<"requester" | "admin" | "secondAdmin", Viewer> = {} as never;

async function createUser(email: string, role: RoleName): Promise<Viewer> {
  const user = await getPrisma().user.create({ data: { email, name: email, passwordHash: "x", globalRoleName: role } });
  return {
    id: user.id,
    email,
    name: email,
    globalRole: role,
    globalPermissions: new Set(DEFAULT_GRANTS[role]),
    tenantAccess: new Map(),
  };
}

const workerEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  KAFKA_CONNECT_URL: connect.url,
  ...extra,
});

function startWorker(options: { deploymentsMs?: number; env?: Record<string, string> } = {}): TenantJobWorker {
  return startTenantJobWorker({
    db: getPrisma(),
    env: workerEnv(options.env),
    staleMs: 3_000,
    pollMs: 200,
    timeouts: { deploymentsMs: options.deploymentsMs ?? 240_000 },
    log: (line) => step(`worker: ${line}`),
  });
}

const startAgent = async (environmentId: string) =>
  startDeploymentAgent({
    db: getPrisma(),
    environmentId,
    intervalMs: 500,
    rolloutTimeoutMs: 240_000,
    log: (line) => step(`agent ${environmentId}: ${line}`),
    driver: createLocalDriver({
      environmentId,
      env: { ...process.env, HEARTBEAT_INTERVAL_MS: "500", CONSUMER_SESSION_TIMEOUT_MS: "10000" },
      logDir: path.join(dir, environmentId),
    }),
  });

function request(slug: string, environment: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `Initech ${slug}`,
    slug,
    contacts: [{ name: "Pat Lee", email: "pat@initech.test" }],
    source: { kind: "managed" },
    expectedDailyChanges: 2_000_000,
    peakChangesPerSecond: 900,
    entities: ["members", "claims"],
    environment,
    ...overrides,
  };
}

async function statusOf(slug: string) {
  return (await getPrisma().tenant.findUniqueOrThrow({ where: { slug } })).status;
}

async function settledStatus(slug: string, wanted: string[], timeoutMs: number) {
  try {
    return await waitFor(
      `${slug} to reach ${wanted.join(" or ")}`,
      async () => {
        const status = await statusOf(slug);
        return wanted.includes(status) ? status : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    const job = await getPrisma().tenantJob.findFirst({ where: { tenant: { slug } }, orderBy: { createdAt: "desc" } });
    throw new Error(`${String(error)}; job ${job?.status}: ${JSON.stringify(job?.steps)}`);
  }
}

async function latestJob(slug: string) {
  const job = await getPrisma().tenantJob.findFirstOrThrow({
    where: { tenant: { slug } },
    orderBy: { createdAt: "desc" },
  });
  return { ...job, steps: job.steps as JobStep[] };
}

/** What the pipeline of `slug` holds, for a failure message: end offsets per topic and each processor's last output. */
async function pipelineState(slug: string): Promise<string> {
  const offsets = await Promise.all(
    allTenantTopics(slug).map(
      async (topic) => `${topic}: ${(await kafkaAdmin.fetchTopicOffsets(topic)).map((p) => p.high).join(",")}`,
    ),
  );
  const instances = await getPrisma().deploymentInstance.findMany({ where: { tenant: slug } });
  const connector = await connectClient.getStatus(connectorName(slug)).catch((error: unknown) => String(error));
  return [
    ...offsets,
    `connector: ${JSON.stringify(connector)}`,
    ...instances.map((i) => `${i.instanceId} ${i.state}:\n${i.logTail.split("\n").slice(-15).join("\n")}`),
  ].join("\n");
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "it-onboarding-"));
  kafkaAdmin = testKafka().admin();
  await kafkaAdmin.connect();
  const db = getPrisma();
  await db.environment.createMany({
    data: [
      { id: environmentA, name: "IT onboarding A", driver: "local" },
      { id: environmentB, name: "IT onboarding B", driver: "local" },
    ],
  });
  await seed(db, { demo: false }); // roles and permissions
  users.requester = await createUser(`requester-${run}@it.test`, "ops");
  users.admin = await createUser(`admin-${run}@it.test`, "admin");
  users.secondAdmin = await createUser(`admin2-${run}@it.test`, "admin");
  // the second tenant's own source database: tables present, on the same server, password in a platform secret
  await withClient(process.env.DATABASE_URL!, (c) => c.query(`CREATE DATABASE ${externalDb}`));
  await withClient(databaseUrl(process.env.DATABASE_URL!, externalDb), (c) =>
    c.query(fs.readFileSync(path.join(REPO_ROOT, "pipeline/shared/source-schema.sql"), "utf8")),
  );
  process.env[`SYNCDECK_SOURCE_SECRET_${secretName}`] = decodeURIComponent(new URL(process.env.DATABASE_URL!).password);
  // registered for this server and database only; the local server has no TLS, so the registration opts out of it
  process.env[`SYNCDECK_SOURCE_SECRET_${secretName}_HOSTS`] =
    `127.0.0.1:${new URL(process.env.DATABASE_URL!).port}/${externalDb}`;
  process.env[`SYNCDECK_SOURCE_SECRET_${secretName}_SSLMODE`] = "disable";
  [connect, agentA, agentB] = await Promise.all([
    startConnect({
      brokers: process.env.KAFKA_BROKERS!,
      dataDir: path.join(dir, "connect"),
      groupId: `it.onb-connect.${run}`,
    }),
    startAgent(environmentA),
    startAgent(environmentB),
  ]);
  process.env.KAFKA_CONNECT_URL = connect.url;
  connectClient = createConnectClient(connect.url);
});

afterAll(async () => {
  await worker?.stop();
  for (const slug of [first, second]) await connectClient?.deleteConnector(connectorName(slug)).catch(() => undefined);
  await Promise.allSettled([agentA?.stop(), agentB?.stop()]);
  await connect?.stop();
  await dropSourceDatabase(process.env.DATABASE_URL!, first).catch((error) => step(`clean-up: ${error}`));
  await withClient(process.env.DATABASE_URL!, async (c) => {
    await c.query(
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active",
      [slotName(second)],
    );
    await c.query(`DROP DATABASE IF EXISTS ${externalDb} WITH (FORCE)`);
  }).catch((error) => step(`clean-up: ${error}`));
  if (kafkaAdmin) {
    await kafkaAdmin.deleteTopics({ topics: [first, second].flatMap(allTenantTopics) }).catch(() => undefined);
    await kafkaAdmin.disconnect();
  }
  await disconnectPrisma();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("tenant onboarding", () => {
  it("onboards a fourth tenant: declined, resubmitted, approved by a second admin, provisioned, and its changes reach the target", async () => {
    const { requester, admin, secondAdmin } = users;
    const submitted = await submitRequest(requester, context, request(first, environmentA));
    expect(submitted.tenant.status).toBe("SUBMITTED");
    expect(submitted.plan.partitions).toBe(4); // peak 900/s ÷ 250/s
    await expect(submitRequest(admin, context, request(first, environmentA))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(approveRequest(requester, context, first)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const checks = (await getPreflight(admin, first)).checks;
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.key)).toEqual(["names", "broker", "partitions", "source", "connect", "environment"]);

    await declineRequest(admin, context, first, { reason: "The peak looks low for a national plan; please check it." });
    const declined = await getTenantDetail(requester, first);
    expect(declined.tenant).toMatchObject({
      status: "DECLINED",
      declineReason: "The peak looks low for a national plan; please check it.",
    });
    expect(declined.can.resubmit).toBe(true);
    await expect(approveRequest(secondAdmin, context, first)).rejects.toMatchObject({ code: "CONFLICT" });

    const resubmitted = await resubmitRequest(
      requester,
      context,
      first,
      request(first, environmentA, { peakChangesPerSecond: 1_600 }),
    );
    expect(resubmitted.tenant.status).toBe("SUBMITTED");
    expect(resubmitted.plan.partitions).toBe(7); // 1,600/s ÷ 250/s
    expect(resubmitted.events.map((e) => e.kind)).toEqual(["submitted", "declined", "resubmitted"]);

    await approveRequest(secondAdmin, context, first);
    expect(await statusOf(first)).toBe("APPROVED");
    worker = startWorker();
    step("provisioning the first tenant");
    expect(await settledStatus(first, ["ACTIVE", "PROVISION_FAILED"], 300_000)).toBe("ACTIVE");
    const job = await latestJob(first);
    expect(job.status).toBe("succeeded");
    expect(job.steps.map((s) => [s.key, s.state])).toEqual([
      ["source", "done"],
      ["topics", "done"],
      ["connector", "done"],
      ["deployments", "done"],
      ["access", "done"],
    ]);

    // the topics, with the planned partitions and the retention
    const metadata = await kafkaAdmin.fetchTopicMetadata({ topics: allTenantTopics(first) });
    expect(Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]))).toEqual({
      ...Object.fromEntries(tenantTopicNames(first).map((name) => [name, 7])),
      [heartbeatTopic(first)]: 1,
    });
    const configs = await kafkaAdmin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: `sync.${first}.updates`, configNames: ["retention.ms"] }],
    });
    expect(configs.resources[0]!.configEntries[0]!.configValue).toBe(String(168 * 3_600_000));
    expect((await connectClient.getStatus(connectorName(first))).connector.state).toBe("RUNNING");
    const deployments = await getPrisma().deployment.findMany({ where: { tenant: first } });
    expect(deployments.map((d) => [d.stage, d.revision, d.state, d.replicas]).sort()).toEqual(
      STAGES.map((s) => [s, 1, "SUCCEEDED", 1]).sort(),
    );
    expect(await getPrisma().alertRule.count({ where: { tenant: { slug: first }, kind: "lag_seconds" } })).toBe(1);
    expect(await getPrisma().alertRule.count({ where: { tenant: { slug: first }, kind: "reconcile_drift" } })).toBe(1);

    // changes written to the new tenant's source reach its target
    step("writing to the first tenant's source");
    const sourceUrl = databaseUrl(process.env.DATABASE_URL!, sourceDatabaseName(first));
    await withClient(sourceUrl, async (c) => {
      for (let i = 1; i <= 20; i++) {
        await c.query(
          "INSERT INTO members (member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id) VALUES ($1, 'Ada', 'Lovelace', '1990-12-10', '1 Main St', 'Shelbyville', 'IL', '62565', 'P-1')",
          [`M${i}`],
        );
        await c.query(
          "INSERT INTO claims (claim_id, member_id, ndc, drug_name, pharmacy_id, quantity, days_supply, amount_billed, amount_paid, status, fill_date) VALUES ($1, $2, '00093715301', 'Amoxicillin 500mg', 'PH-1', 30, 10, 12.50, 10.00, 'PAID', '2026-11-01')",
          [`C${i}`, `M${i}`],
        );
      }
      await c.query("UPDATE members SET city = 'Springfield' WHERE member_id = 'M1'");
    });
    await waitFor(
      "20 members and 20 claims in the target",
      async () => {
        const [members, claims, updated] = await Promise.all([
          getPrisma().targetMember.count({ where: { tenant: first } }),
          getPrisma().targetClaim.count({ where: { tenant: first } }),
          getPrisma().targetMember.count({ where: { tenant: first, memberId: "M1", city: "Springfield" } }),
        ]);
        return members === 20 && claims === 20 && updated === 1 ? true : undefined;
      },
      120_000,
    ).catch(async (error) => {
      throw new Error(`${String(error)}\n${await pipelineState(first)}`);
    });

    const audit = await getPrisma().auditEvent.findMany({
      where: { tenantId: submitted.tenant.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "tenant.request",
      "tenant.decline",
      "tenant.resubmit",
      "tenant.approve",
      ...Array(5).fill("tenant.provision.step"),
      "tenant.provision.succeeded",
    ]);

    // suspend keeps data and stops the pipeline; resume brings it back
    step("suspending the first tenant");
    await suspendTenant(admin, context, first);
    expect(await settledStatus(first, ["SUSPENDED"], 120_000)).toBe("SUSPENDED");
    expect((await connectClient.getStatus(connectorName(first))).connector.state).toBe("PAUSED");
    expect(
      (await getPrisma().deployment.findMany({ where: { tenant: first, revision: 2 } })).map((d) => d.replicas),
    ).toEqual([0, 0, 0]);
    await resumeTenant(admin, context, first);
    expect(await settledStatus(first, ["ACTIVE"], 120_000)).toBe("ACTIVE");
    expect((await connectClient.getStatus(connectorName(first))).connector.state).toBe("RUNNING");
    expect(
      (await getPrisma().deployment.findMany({ where: { tenant: first, revision: 3 } })).map((d) => d.replicas),
    ).toEqual([1, 1, 1]);
    expect(await getPrisma().targetMember.count({ where: { tenant: first } })).toBe(20);
  }, 900_000);

  it("never lets an admin approve their own request", async () => {
    const slug = testTenant("it-onb-own");
    await submitRequest(users.admin, context, request(slug, environmentA));
    await expect(approveRequest(users.admin, context, slug)).rejects.toThrow(
      "you requested this tenant; another admin must approve it",
    );
    await declineRequest(users.secondAdmin, context, slug, { reason: "test request" });
    expect(await statusOf(slug)).toBe("DECLINED");
  });

  it("survives a provisioning worker killed mid-step, fails a step with its reason, and a retry completes without duplicates or orphans", async () => {
    const { requester, secondAdmin } = users;
    const external = {
      kind: "external",
      host: "127.0.0.1",
      port: Number(new URL(process.env.DATABASE_URL!).port),
      database: externalDb,
      user: decodeURIComponent(new URL(process.env.DATABASE_URL!).username),
    };
    await worker?.stop();
    worker = undefined;
    // the requester names the source; an admin assigns the secret registered for it
    await submitRequest(
      requester,
      context,
      request(second, environmentB, { source: external, entities: ["members", "claims"] }),
    );
    await assignSourceSecret(secondAdmin, context, second, { passwordSecret: secretName });
    await approveRequest(secondAdmin, context, second);
    // environment B's agent goes away, so the deployments step has to wait: that is where the worker is killed
    await agentB?.stop();
    agentB = undefined;

    step("a standalone worker process provisions the second tenant; it is killed while deploying");
    const child = spawnManaged(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(REPO_ROOT, "server/workers/tenant-jobs.main.ts")],
      {
        cwd: REPO_ROOT,
        env: { ...workerEnv(), SYNCDECK_TENANT_JOB_STALE_MS: "3000" },
        outputFile: path.join(dir, "worker.log"),
      },
    );
    await waitFor(
      "the deployments step with its three revisions",
      async () => {
        const job = await latestJob(second);
        const deploying = job.steps.find((s) => s.key === "deployments")?.state === "running";
        return deploying && (await getPrisma().deployment.count({ where: { tenant: second } })) === 3
          ? true
          : undefined;
      },
      180_000,
    ).catch((error) => {
      throw new Error(`${String(error)}\n${fs.readFileSync(path.join(dir, "worker.log"), "utf8").slice(-3000)}`);
    });
    process.kill(child.pid, "SIGKILL");
    await child.exited;
    const killed = await latestJob(second);
    expect(killed.status).toBe("running");
    expect(killed.steps.map((s) => s.state)).toEqual(["done", "done", "done", "running", "pending"]);

    step("another worker takes the job over; with no agent the deployments step fails with the reason");
    worker = startWorker({ deploymentsMs: 15_000 });
    expect(await settledStatus(second, ["PROVISION_FAILED"], 120_000)).toBe("PROVISION_FAILED");
    const failed = await latestJob(second);
    expect(failed.status).toBe("failed");
    expect(failed.steps.find((s) => s.key === "deployments")).toMatchObject({
      state: "failed",
      runs: 2,
      error: expect.stringContaining(`environment ${environmentB}`),
    });
    expect(failed.error).toContain("Deploy the processors");
    const detail = await getTenantDetail(secondAdmin, second);
    expect(detail.can.retry).toBe(true);

    step("the agent is back; retry");
    await worker.stop();
    worker = startWorker();
    agentB = await startAgent(environmentB);
    await retryJob(secondAdmin, context, second);
    expect(await settledStatus(second, ["ACTIVE", "PROVISION_FAILED"], 300_000)).toBe("ACTIVE");
    const done = await latestJob(second);
    expect(done).toMatchObject({ status: "succeeded", attempt: 2, leaseOwner: null });
    expect(done.steps.find((s) => s.key === "deployments")!.runs).toBe(3);
    expect(done.steps.find((s) => s.key === "connector")!.runs).toBe(1);

    // no duplicates: one revision per stage (adopted across the kill and the retry), one slot, one of each record
    const deployments = await getPrisma().deployment.findMany({ where: { tenant: second } });
    expect(deployments.map((d) => [d.stage, d.revision, d.state]).sort()).toEqual(
      STAGES.map((s) => [s, 1, "SUCCEEDED"]).sort(),
    );
    expect(await getPrisma().deploymentInstance.count({ where: { tenant: second } })).toBe(3);
    const slots = await withClient(process.env.DATABASE_URL!, (c) =>
      c.query("SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name = $1", [slotName(second)]),
    );
    expect(slots.rows[0].n).toBe(1);
    expect((await connectClient.listConnectors()).filter((n) => n === connectorName(second))).toHaveLength(1);
    const tenantId = detail.tenant.id;
    expect(await getPrisma().auditEvent.count({ where: { tenantId, action: "tenant.provision.succeeded" } })).toBe(1);
    expect(await getPrisma().tenantJob.count({ where: { tenantId, status: { in: ["queued", "running"] } } })).toBe(0);
    const events = (await getTenantDetail(secondAdmin, second)).events.map((e) => e.kind);
    expect(events).toEqual([
      "submitted",
      "secret_assigned",
      "approved",
      "provisioning",
      "taken_over",
      "provision_failed",
      "retried",
      "provisioning",
      "provisioned",
    ]);

    step("offboarding the second tenant");
    await expect(offboardTenant(secondAdmin, context, second, { confirm: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await offboardTenant(secondAdmin, context, second, { confirm: second });
    expect(await settledStatus(second, ["OFFBOARDED"], 180_000)).toBe("OFFBOARDED");
    const topics = await kafkaAdmin.listTopics();
    expect(topics.filter((t) => t.startsWith(`sync.${second}.`))).toEqual([]);
    await expect(connectClient.getStatus(connectorName(second))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const groups = (await kafkaAdmin.listGroups()).groups.map((g) => g.groupId);
    expect(groups.filter((g) => STAGES.some((s) => g === consumerGroup(second, s)))).toEqual([]);
    const afterSlots = await withClient(process.env.DATABASE_URL!, (c) =>
      c.query("SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name = $1", [slotName(second)]),
    );
    expect(afterSlots.rows[0].n).toBe(0);
    // the tenant's own database and its tables stay
    const kept = await withClient(databaseUrl(process.env.DATABASE_URL!, externalDb), (c) =>
      c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('members', 'claims')"),
    );
    expect(kept.rows[0].n).toBe(2);
  }, 900_000);
});
