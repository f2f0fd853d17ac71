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
  await createConnectClient(connect?.url ?? "http://127.0.0.1:1")
    .deleteConnector(connectorName(tenant))
    .catch(() => undefined);
  await agent?.stop();
  await connect?.stop();
  await cluster?.remove();
  await dropSourceDatabase(process.env.DATABASE_URL!, tenant).catch(() => undefined);
  await withClient(process.env.DATABASE_URL!, (c) =>
    c.query(
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active",
      [slotName(tenant)],
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
});
