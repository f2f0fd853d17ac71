/**
 * Provisioning a tenant onto a second Kafka cluster: an environment points at a cluster of the
 * test's own (its own broker and its own Kafka Connect worker); a tenant requested in that
 * environment is checked, provisioned and run there — its topics, connector and consumer groups
 * are on the second cluster and none on the default one — and its changes reach the target.
 * The environment's agent runs the processors with the second cluster's brokers, as each
 * environment's agent is configured with its own cluster in production.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS, type RoleName } from "@/server/auth/permissions";
import { createConnectClient } from "@/server/connect/connect-client";
import { connectorName, slotName } from "@/lib/connect/connector-config";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { createKafka } from "@/lib/kafka/client";
import { consumerGroup, STAGES } from "@/lib/contract/topics";
import { databaseUrl, dropSourceDatabase, sourceDatabaseName, withClient } from "@/lib/source-db/source-db";
import { seed } from "../../prisma/seed";
import { testKafka, testTenant, waitFor } from "../../pipeline/shared/testing";
import { startConnect, type RunningConnect } from "../../scripts/stack/connect";
import { createLocalDriver } from "../../scripts/stack/local-driver";
import { startTestKafkaCluster, type TestKafkaCluster } from "@/test/integration/kafka-cluster";
import { startDeploymentAgent, type DeploymentAgent } from "../deployments/agent";
import { startTenantJobWorker, type TenantJobWorker } from "@/server/workers/tenant-jobs.worker";
import { routeTenant } from "@/test/integration/route-tenant";
import { getStageStatuses } from "@/server/lag/stage-status";
import { allTenantTopics } from "./tenant-topics";
import * as service from "./service";

const run = randomUUID().slice(0, 6);
const context = { requestId: "it-onboarding-cluster", sourceAddress: "127.0.0.1" };
const clusterId = `it-c2-${run}`;
const environmentId = `it-onb-c2-${run}`;
const tenant = testTenant("it-c2");
const step = (what: string) => console.log(`[cluster onboarding it] ${new Date().toISOString()} ${what}`);

let cluster: TestKafkaCluster;
let connect: RunningConnect;
let agent: DeploymentAgent;
let worker: TenantJobWorker;
let dir: string;
let pooled: string | undefined;

async function settled(slug: string, wanted: string): Promise<void> {
  await waitFor(
    `${slug} ${wanted}`,
    async () => {
      const row = await getPrisma().tenant.findUniqueOrThrow({ where: { slug } });
      const job = await getPrisma().tenantJob.findFirst({
        where: { tenantId: row.id },
        orderBy: { createdAt: "desc" },
      });
      if (job?.status === "failed") throw new Error(`${job.kind} failed: ${job.error}`);
      return row.status === wanted && job?.status === "succeeded" ? true : undefined;
    },
    300_000,
  );
}

async function user(email: string, role: RoleName): Promise<Viewer> {
  const row = await getPrisma().user.create({ data: { email, name: email, passwordHash: "x", globalRoleName: role } });
  return {
    id: row.id,
    email,
    name: email,
    globalRole: role,
    globalPermissions: new Set(DEFAULT_GRANTS[role]),
    tenantAccess: new Map(),
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "it-onb-c2-"));
  cluster = await startTestKafkaCluster("it-onb-c2");
  connect = await startConnect({
    brokers: cluster.brokers,
    dataDir: path.join(dir, "connect"),
    groupId: `it.c2-connect.${run}`,
  });
  const db = getPrisma();
  await seed(db, { demo: false });
  await db.kafkaCluster.create({
    data: {
      id: clusterId,
      name: "IT second",
      brokers: [cluster.brokers],
      security: { tls: false },
      connectUrl: connect.url,
    },
  });
  await db.environment.create({
    data: { id: environmentId, name: "IT on the second cluster", driver: "local", kafkaClusterId: clusterId },
  });
  agent = await startDeploymentAgent({
    db,
    environmentId,
    intervalMs: 500,
    rolloutTimeoutMs: 240_000,
    log: (line) => step(`agent: ${line}`),
    driver: createLocalDriver({
      environmentId,
      env: { ...process.env, KAFKA_BROKERS: cluster.brokers, HEARTBEAT_INTERVAL_MS: "500" },
      logDir: path.join(dir, "processors"),
    }),
  });
  // the worker runs with the default cluster's settings: the job takes the environment's cluster from its record
  worker = startTenantJobWorker({
    db,
    env: process.env,
    staleMs: 3_000,
    pollMs: 200,
    log: (l) => step(`worker: ${l}`),
  });
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  for (const slug of [tenant, pooled].filter((t): t is string => t !== undefined))
    await createConnectClient(connect?.url ?? "http://127.0.0.1:1")
      .deleteConnector(connectorName(slug))
      .catch(() => undefined);
  await agent?.stop();
  await connect?.stop();
  await cluster?.remove();
  for (const slug of [tenant, pooled].filter((t): t is string => t !== undefined))
    await dropSourceDatabase(process.env.DATABASE_URL!, slug).catch(() => undefined);
  await withClient(process.env.DATABASE_URL!, (c) =>
    c.query(
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ANY($1) AND NOT active",
      [[tenant, pooled].filter((t): t is string => t !== undefined).map(slotName)],
    ),
  ).catch(() => undefined);
  await disconnectPrisma();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a tenant in an environment on another Kafka cluster", () => {
  it("is checked, provisioned and run on that cluster, and its changes reach the target", async () => {
    const requester = await user(`req-${run}@it.test`, "ops");
    const admin = await user(`admin-${run}@it.test`, "admin");
    await service.submitRequest(requester, context, {
      name: `Second cluster ${tenant}`,
      slug: tenant,
      contacts: [{ name: "Pat Lee", email: "pat@initech.test" }],
      source: { kind: "managed" },
      expectedDailyChanges: 2_000_000,
      peakChangesPerSecond: 900,
      entities: ["members", "claims"],
      environment: environmentId,
    });
    const visible = () => routeTenant(admin, tenant, null, service.assertApprover);
    await waitFor(
      "the environment's agent reporting",
      async () =>
        (await getPrisma().environment.findUniqueOrThrow({ where: { id: environmentId } })).agentSeenAt
          ? true
          : undefined,
      30_000,
    );
    const checks = (await service.getPreflight(admin, await visible())).checks;
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    await service.approveRequest(admin, context, await visible());
    step("provisioning");
    await waitFor(
      "the tenant ACTIVE",
      async () => {
        const row = await getPrisma().tenant.findUniqueOrThrow({ where: { slug: tenant } });
        if (row.status === "PROVISION_FAILED") {
          const job = await getPrisma().tenantJob.findFirst({
            where: { tenantId: row.id },
            orderBy: { createdAt: "desc" },
          });
          throw new Error(`provisioning failed: ${job?.error}`);
        }
        return row.status === "ACTIVE" ? true : undefined;
      },
      300_000,
    );

    // topics, connector and groups on the second cluster; nothing of the tenant on the default one
    const second = createKafka({ KAFKA_BROKERS: cluster.brokers }).admin();
    const first = testKafka().admin();
    await Promise.all([second.connect(), first.connect()]);
    try {
      const onSecond = new Set(await second.listTopics());
      expect(allTenantTopics(tenant).filter((t) => !onSecond.has(t))).toEqual([]);
      expect((await first.listTopics()).filter((t) => t.startsWith(`sync.${tenant}.`))).toEqual([]);
      expect((await createConnectClient(connect.url).getStatus(connectorName(tenant))).connector.state).toBe("RUNNING");

      step("writing to the tenant's source");
      await withClient(databaseUrl(process.env.DATABASE_URL!, sourceDatabaseName(tenant)), async (c) => {
        for (let i = 1; i <= 10; i++)
          await c.query(
            "INSERT INTO members (member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id) VALUES ($1, 'Ada', 'Lovelace', '1990-12-10', '1 Main St', 'Shelbyville', 'IL', '62565', 'P-1')",
            [`M${i}`],
          );
      });
      await waitFor(
        "10 members in the target",
        async () => ((await getPrisma().targetMember.count({ where: { tenant } })) === 10 ? true : undefined),
        120_000,
      );
      const groups = await second.describeGroups(STAGES.map((stage) => consumerGroup(tenant, stage)));
      expect(groups.groups.find((g) => g.groupId === consumerGroup(tenant, "update-processor"))!.members.length).toBe(
        1,
      );
    } finally {
      await Promise.all([second.disconnect(), first.disconnect()]);
    }

    // the console reads the tenant's stages from its own cluster's lag rows, not the default's
    await getPrisma().$executeRaw`
      INSERT INTO lag_group_state (cluster_id, group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, topics, updated_at)
      VALUES (${clusterId}, ${consumerGroup(tenant, "update-processor")}, 'Stable', 1, 0, 0, 0, 'OK', 'caught up', '[]'::jsonb, now()),
             ('default', ${consumerGroup(tenant, "update-processor")}, 'Empty', 0, 99, 600, 0, 'STOP', 'not this one', '[]'::jsonb, now())`;
    const { byTenant } = await getStageStatuses(admin, [tenant]);
    expect(byTenant[tenant]!.find((s) => s.stage === "update-processor")).toMatchObject({ lag: 0, members: 1 });
  });

  it("places a small tenant in the onboarding pool, deploying it, and suspend and resume stop and start the pool's consuming for it", async () => {
    const small = testTenant("it-c2-pool");
    pooled = small;
    const requester = await user(`req2-${run}@it.test`, "ops");
    const admin = await user(`admin2-${run}@it.test`, "admin");
    const submitted = await service.submitRequest(requester, context, {
      name: `Small ${small}`,
      slug: small,
      contacts: [{ name: "Pat Lee", email: "pat@initech.test" }],
      source: { kind: "managed" },
      expectedDailyChanges: 100_000,
      peakChangesPerSecond: 20,
      entities: ["members", "claims"],
      environment: environmentId,
    });
    expect(submitted.plan).toMatchObject({ placement: "pool-shared" });
    expect(submitted.plan.placementExplanation).toContain("planned 20/s ≤ 500/s → pool-shared");
    const as = (viewer: Viewer, check: (v: Viewer) => void) => routeTenant(viewer, small, null, check);
    await service.approveRequest(admin, context, await as(admin, service.assertApprover));
    await settled(small, "ACTIVE");
    const row = await getPrisma().tenant.findUniqueOrThrow({ where: { slug: small } });
    expect(row).toMatchObject({ placement: "pool-shared", processorsRunning: true });
    // the pool had no deployment in this environment: provisioning made its first, serving the tenant
    const poolDeployments = await getPrisma().deployment.findMany({ where: { environmentId, tenant: "pool-shared" } });
    expect(poolDeployments.map((d) => [d.stage, d.revision, d.state]).sort()).toEqual(
      STAGES.map((stage) => [stage, 1, "SUCCEEDED"]).sort(),
    );
    expect(await getPrisma().deployment.count({ where: { tenant: small } })).toBe(0);

    const second = createKafka({ KAFKA_BROKERS: cluster.brokers }).admin();
    await second.connect();
    const members = async () =>
      (await second.describeGroups(STAGES.map((stage) => consumerGroup(small, stage)))).groups.map(
        (g) => g.members.length,
      );
    try {
      expect(await members()).toEqual([1, 1, 1]);
      step("suspending the pooled tenant");
      await service.suspendTenant(admin, context, await as(admin, service.assertManager));
      await settled(small, "SUSPENDED");
      expect((await getPrisma().tenant.findUniqueOrThrow({ where: { slug: small } })).processorsRunning).toBe(false);
      expect(await members()).toEqual([0, 0, 0]);
      step("resuming it");
      await service.resumeTenant(admin, context, await as(admin, service.assertManager));
      await settled(small, "ACTIVE");
      expect(await members()).toEqual([1, 1, 1]);
      // the pool was never restarted for it: still its first revision
      expect(await getPrisma().deployment.count({ where: { environmentId, tenant: "pool-shared" } })).toBe(3);
    } finally {
      await second.disconnect();
    }
  });
});
