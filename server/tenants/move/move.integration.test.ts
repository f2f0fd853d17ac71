/**
 * A tenant moved pool → dedicated → pool while its changes flow, on the real broker and Postgres
 * with the local deployment agent running the processors: each move goes release → consume →
 * catch-up to SUCCEEDED on its own (the tenant-moves worker), the pool drops and picks up the
 * tenant without a restart, the other tenant of the pool flows throughout, and in the end every
 * change of both tenants is in the target — none lost, none applied twice — and reconciliation
 * against a source holding each member at its last version finds no difference.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Admin, Kafka, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { STAGES, tenantTopics } from "@/lib/contract/topics";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { databaseUrl, sourceDatabaseName } from "@/lib/source-db/source-db";
import { startDeploymentAgent, type DeploymentAgent } from "@/server/deployments/agent";
import { reconcileTenant } from "@/server/reconcile/reconcile";
import { createDeployment } from "@/server/deployments/service";
import { AppError } from "@/server/errors";
import { startTenantMoveWorker } from "@/server/workers/tenant-moves.worker";
import { memberUpdate, testKafka, testTenant, waitFor } from "../../../pipeline/shared/testing";
import { createLocalDriver } from "../../../scripts/stack/local-driver";
import type { MoveView } from "./move-view";
import { listTenantMoves, startTenantMove } from "./service";

const moving = testTenant("it-move");
const staying = testTenant("it-stay");
const pool = `pool-it-${randomUUID().slice(0, 8)}`;
const environmentId = `it-move-${randomUUID().slice(0, 8)}`;
const context = { requestId: "it-move", sourceAddress: "127.0.0.1" };
const admin: Viewer = {
  id: randomUUID(),
  email: "admin@it.test",
  name: "admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};
/** members per tenant, each updated once per wave */
const MEMBERS = 20;

let kafka: Kafka;
let kafkaAdmin: Admin;
let producer: Producer;
let db: pg.Pool;
let agent: DeploymentAgent | undefined;
let worker: { stop(): Promise<void> } | undefined;
let logDir: string;
let wave = 0;
let load: Promise<void> | undefined;
let loading = false;

async function sendWave(): Promise<void> {
  wave += 1;
  await producer.sendBatch({
    acks: -1,
    topicMessages: [moving, staying].map((tenant) => ({
      topic: tenantTopics(tenant).updates,
      messages: Array.from({ length: MEMBERS }, (_, i) => {
        const update = memberUpdate(tenant, i + 1, wave);
        return { key: update.memberId, value: JSON.stringify(update) };
      }),
    })),
  });
}

/** Waves every 100 ms until stopped: changes keep flowing through every move. */
function startLoad(): void {
  loading = true;
  load = (async () => {
    while (loading) {
      await sendWave();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
}

const atWave = async (tenant: string, lsn: number) =>
  (
    await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM target_members WHERE tenant = $1 AND source_lsn >= $2",
      [tenant, lsn],
    )
  ).rows[0]!.n;

const tenantRow = () => getPrisma().tenant.findUniqueOrThrow({ where: { slug: moving } });

async function finished(move: MoveView): Promise<MoveView> {
  return waitFor(
    `the move to ${move.to} to finish`,
    async () => {
      const { moves } = await listTenantMoves(await tenantRow());
      const now = moves.find((m) => m.id === move.id)!;
      return now.state === "RUNNING" ? undefined : now;
    },
    180_000,
  );
}

beforeAll(async () => {
  kafka = testKafka();
  kafkaAdmin = kafka.admin();
  producer = createProducer(kafka);
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await Promise.all([kafkaAdmin.connect(), producer.connect()]);
  for (const tenant of [moving, staying]) await ensureTenantTopics(kafkaAdmin, tenant, 2);
  const prisma = getPrisma();
  await prisma.environment.create({ data: { id: environmentId, name: "IT move", driver: "local" } });
  await prisma.tenant.createMany({
    data: [moving, staying].map((slug) => ({
      slug,
      name: slug,
      status: "ACTIVE" as const,
      placement: pool,
      environmentId,
    })),
  });
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), "it-move-"));
  const driver = createLocalDriver({
    environmentId,
    env: { ...process.env, HEARTBEAT_INTERVAL_MS: "300", POOL_MEMBERS_REFRESH_MS: "500", RETRY_DELAYS_MS: "300" },
    logDir,
  });
  agent = await startDeploymentAgent({ db: prisma, environmentId, driver, intervalMs: 300, rolloutTimeoutMs: 120_000 });
  for (const stage of STAGES)
    await createDeployment(admin, context, {
      environment: environmentId,
      tenant: pool,
      stage,
      replicas: 1,
      reason: "pool",
    });
  worker = startTenantMoveWorker({
    db: prisma,
    admin: async () => kafkaAdmin,
    pollMs: 300,
    heartbeatFreshMs: 2_000,
    stepTimeoutMs: 120_000,
    maxLag: 2 * MEMBERS,
    log: (line) => console.log(`[moves] ${line}`),
  });
});

afterAll(async () => {
  loading = false;
  await load;
  await worker?.stop();
  await agent?.stop();
  await getPrisma().deployment.deleteMany({ where: { environmentId } });
  await getPrisma().tenant.deleteMany({ where: { slug: { in: [moving, staying] } } });
  await producer?.disconnect();
  await kafkaAdmin?.disconnect();
  await db?.end();
  await disconnectPrisma();
  const server = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await server.connect();
  for (const tenant of [moving, staying])
    await server.query(`DROP DATABASE IF EXISTS "${sourceDatabaseName(tenant)}" WITH (FORCE)`);
  await server.end();
  if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
});

describe("moving a tenant", () => {
  it("refuses a placement that is not one, the placement it already has, and a second move while one runs", async () => {
    await expect(startTenantMove(admin, context, await tenantRow(), { placement: "nowhere" })).rejects.toSatisfy(
      (e) => e instanceof ZodError && e.issues[0]!.path[0] === "placement",
    );
    await expect(startTenantMove(admin, context, await tenantRow(), { placement: pool })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${moving} is already in ${pool}`,
    });
    await expect(
      startTenantMove(admin, context, await tenantRow(), { placement: "pool-it-nodeploy" }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("goes pool → dedicated → pool while changes flow, losing and doubling nothing", async () => {
    await sendWave();
    await waitFor(
      "the pool applying both tenants' first wave",
      async () => ((await atWave(moving, 1)) === MEMBERS && (await atWave(staying, 1)) === MEMBERS ? true : undefined),
      120_000,
    );
    startLoad();

    const out = await startTenantMove(admin, context, await tenantRow(), { placement: "dedicated", reason: "grew" });
    expect(out).toMatchObject({ from: pool, to: "dedicated", state: "RUNNING", step: "release" });
    await expect(startTenantMove(admin, context, await tenantRow(), { placement: pool })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already moving"),
    });
    const toDedicated = await finished(out);
    expect(toDedicated, toDedicated.message).toMatchObject({ state: "SUCCEEDED", step: "done", percent: 100 });
    const dedicated = await getPrisma().deployment.findMany({ where: { environmentId, tenant: moving } });
    expect(dedicated.map((d) => d.stage).sort()).toEqual([...STAGES].sort());

    const back = await startTenantMove(admin, context, await tenantRow(), { placement: pool });
    const toPool = await finished(back);
    expect(toPool, toPool.message).toMatchObject({ state: "SUCCEEDED", step: "done" });
    const stopped = await getPrisma().deployment.findMany({
      where: { environmentId, tenant: moving, action: "stop" },
    });
    expect(stopped).toHaveLength(STAGES.length);

    loading = false;
    await load;
    const last = wave;
    await waitFor(
      "every member of both tenants at the last wave",
      async () =>
        (await atWave(moving, last)) === MEMBERS && (await atWave(staying, last)) === MEMBERS ? true : undefined,
      120_000,
    );
    // none lost: every version of every member was applied or found already superseded, once
    const { rows } = await db.query<{ tenant: string; versions: number; twice: number }>(
      `SELECT tenant, count(DISTINCT (entity_ref, source_lsn))::int AS versions,
              count(*) FILTER (WHERE outcome = 'applied')::int - count(DISTINCT (entity_ref, source_lsn)) FILTER (WHERE outcome = 'applied')::int AS twice
         FROM event_trail WHERE tenant = ANY($1) AND stage = 'update-processor' GROUP BY tenant`,
      [[moving, staying]],
    );
    for (const row of rows) expect(row).toMatchObject({ versions: last * MEMBERS, twice: 0 });
    expect(rows).toHaveLength(2);

    // reconciliation against a source where every member is at the last version: 0 lost, 0 extra
    const schema = fs.readFileSync(path.resolve("pipeline/shared/source-schema.sql"), "utf8");
    const server = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await server.connect();
    for (const tenant of [moving, staying]) {
      await server.query(`CREATE DATABASE "${sourceDatabaseName(tenant)}"`);
      const sourceUrl = databaseUrl(process.env.DATABASE_URL!, sourceDatabaseName(tenant));
      const source = new pg.Client({ connectionString: sourceUrl });
      await source.connect();
      await source.query(schema);
      await source.query(
        "INSERT INTO members (member_id, first_name, last_name, version) SELECT 'm-' || n, 'Ada', 'Lovelace', $1 FROM generate_series(1, $2) n",
        [last, MEMBERS],
      );
      await source.end();
      const result = await reconcileTenant({ tenant, sourceUrl, targetUrl: process.env.DATABASE_URL! });
      expect(result.members).toMatchObject({
        sourceCount: MEMBERS,
        targetCount: MEMBERS,
        missingCount: 0,
        extraCount: 0,
        versionDiffers: [],
        inSync: true,
      });
      expect(result.inSync).toBe(true);
    }
    await server.end();

    const audit = await getPrisma().auditEvent.findMany({
      where: { action: "tenant.move", target: `tenant:${moving}` },
    });
    expect(audit).toHaveLength(2);
  });
});
