/**
 * A pool as a deployment target on the real broker and Postgres: the demo's seeding places fresh
 * tenants in the pool (but those it keeps dedicated) and deploys the pool once per stage; the agent
 * hands the local driver the tenants placed in the pool, and one update-processor process serves
 * them all — each tenant beating under its own instance id, the process under the deployment's —
 * until the target is Healthy, listing its tenants and their groups, and the rollout SUCCEEDED.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Admin, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantTopics } from "@/lib/contract/topics";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { startDeploymentAgent, type DeploymentAgent } from "../../server/deployments/agent";
import { readTargets } from "../../server/deployments/targets";
import { testKafka, testTenant, waitFor } from "../../pipeline/shared/testing";
import { createLocalDriver, instanceIdOf } from "./local-driver";
import { ensureLocalEnvironment, LOCAL_ENVIRONMENT, seedDemoDeployments } from "./local-deployments";

const tenants = [testTenant("it-pooled"), testTenant("it-pooled")].sort();
const dedicated = testTenant("it-dedicated");
const pool = `pool-it-${randomUUID().slice(0, 8)}`;
const environmentId = `it-pool-${randomUUID().slice(0, 8)}`;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let agent: DeploymentAgent | undefined;
let logDir: string;

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  for (const tenant of tenants) await ensureTenantTopics(admin, tenant, 2);
  const db = getPrisma();
  await db.tenant.createMany({
    data: [...tenants, dedicated].map((slug) => ({ slug, name: slug, status: "ACTIVE" as const })),
  });
  await db.environment.create({ data: { id: environmentId, name: "IT pool", driver: "local" } });
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), "it-pool-"));
});

afterAll(async () => {
  await agent?.stop();
  await getPrisma().deployment.deleteMany({
    where: { environmentId: LOCAL_ENVIRONMENT, tenant: { in: [pool, dedicated] } },
  });
  await producer?.disconnect();
  await admin?.disconnect();
  await disconnectPrisma();
  if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
});

describe("a pool deployment", () => {
  it("is what the demo seeds with a pool: fresh tenants placed in it but the dedicated, one deployment per stage", async () => {
    const db = getPrisma();
    await ensureLocalEnvironment(db);
    const demo = [...tenants, dedicated];
    expect(await seedDemoDeployments(db, demo, "it", pool, [dedicated])).toBe(6);
    expect(await seedDemoDeployments(db, demo, "it", pool, [dedicated])).toBe(0);
    const placed = await db.tenant.findMany({
      where: { slug: { in: demo } },
      select: { slug: true, placement: true },
      orderBy: { slug: "asc" },
    });
    expect(placed).toEqual(
      [...tenants.map((slug) => ({ slug, placement: pool })), { slug: dedicated, placement: "dedicated" }].sort(
        (a, b) => a.slug.localeCompare(b.slug),
      ),
    );
    const deployments = await db.deployment.findMany({
      where: { environmentId: LOCAL_ENVIRONMENT, tenant: { in: [...demo, pool] } },
      select: { tenant: true, stage: true },
      orderBy: [{ tenant: "asc" }, { stage: "asc" }],
    });
    expect(deployments).toEqual(
      [dedicated, pool]
        .sort()
        .flatMap((tenant) =>
          ["cdc-processor", "retry-processor", "update-processor"].map((stage) => ({ tenant, stage })),
        ),
    );
  });

  it("runs one processor for every tenant placed in the pool, healthy under the deployment's instance id", async () => {
    const db = getPrisma();
    await db.deployment.create({
      data: {
        environmentId,
        tenant: pool,
        stage: "update-processor",
        revision: 1,
        action: "deploy",
        version: "it",
        config: {},
        replicas: 1,
        state: "QUEUED",
        reason: "pool test",
        requestedBy: "it@syncdeck.test",
      },
    });
    const driver = createLocalDriver({ environmentId, env: { ...process.env, HEARTBEAT_INTERVAL_MS: "500" }, logDir });
    agent = await startDeploymentAgent({ db, environmentId, driver, intervalMs: 500, rolloutTimeoutMs: 300_000 });
    const instanceId = instanceIdOf(environmentId, { tenant: pool, stage: "update-processor" }, 1);

    const beats = await waitFor(
      "the pool's process and tenants to beat",
      async () => {
        const rows = await db.processorHeartbeat.findMany({
          where: { instanceId: { startsWith: instanceId } },
          orderBy: { instanceId: "asc" },
        });
        return rows.length === 3 ? rows : undefined;
      },
      180_000,
    );
    expect(beats.map((b) => [b.instanceId, b.tenant])).toEqual([
      [instanceId, pool],
      ...tenants.map((t) => [`${instanceId}/${t}`, t]),
    ]);
    expect(new Set(beats.map((b) => b.pid)).size).toBe(1);

    for (const tenant of tenants) {
      const update = {
        tenant,
        entity: "member",
        op: "upsert",
        id: "m-1",
        memberId: "m-1",
        sourceLsn: "7",
        sourceVersion: 1,
        sourceTsMs: Date.now(),
        cdcTopic: tenantTopics(tenant).cdc("members"),
        cdcPartition: 0,
        cdcOffset: "7",
        data: {
          memberId: "m-1",
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1990-12-10",
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
        acks: -1,
        messages: [{ key: "m-1", value: JSON.stringify(update) }],
      });
    }
    await waitFor("both tenants' members applied by the pool", async () => {
      const n = await db.targetMember.count({ where: { tenant: { in: tenants }, memberId: "m-1" } });
      return n === 2 ? true : undefined;
    });

    const done = await waitFor(
      "the pool's rollout to succeed",
      async () => {
        const [target] = await readTargets(db, environmentId, "all");
        return target?.desired.state === "SUCCEEDED" ? target : undefined;
      },
      120_000,
    );
    expect(done.status.health).toBe("Healthy");
    expect(done.instances.map((i) => [i.instanceId, i.ready])).toEqual([[instanceId, true]]);
    expect([done.pool, done.tenants]).toEqual([true, tenants]);
    expect(done.groups.map((g) => g.groupId)).toEqual(tenants.map((t) => `sync.${t}.update-processor`));

    // a viewer of one of its tenants sees the pool; of another tenant, not
    const [seen] = await readTargets(db, environmentId, [tenants[1]!]);
    expect(seen?.tenant).toBe(pool);
    expect(await readTargets(db, environmentId, [dedicated])).toEqual([]);
  });
});
