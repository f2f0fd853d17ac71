/**
 * Deployments end to end on the real broker and Postgres: the local environment's agent runs an
 * update-processor as real child processes; scaling to 3 gives 3 group members and a faster drain,
 * a killed process shows Degraded, is restarted and loses nothing, a rollback restores revision 1
 * and the history shows each change. Also: approvals in a protected environment, one deployment in
 * flight per target, and tenant isolation.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Admin, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { testKafka, testTenant, waitFor } from "../../pipeline/shared/testing";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { createLocalDriver } from "../../scripts/stack/local-driver";
import { startDeploymentAgent, type DeploymentAgent } from "./agent";
import {
  approveDeployment,
  cancelDeployment,
  createDeployment,
  getDeployment,
  getEnvironmentStatus,
  listDeployments,
  rollbackDeployment,
  scaleDeployment,
} from "./service";
import { readTargets } from "./targets";

const tenant = testTenant("it-dep");
const otherTenant = testTenant("it-dep-other");
const topics = tenantTopics(tenant);
const group = consumerGroup(tenant, "update-processor");
const environmentId = `it-${randomUUID().slice(0, 8)}`;
const protectedId = `it-prot-${randomUUID().slice(0, 8)}`;
const context = { requestId: "it-deployments", sourceAddress: "127.0.0.1" };
const viewer = (
  email: string,
  globalRole: "admin" | "ops" | null,
  tenantAccess: Viewer["tenantAccess"] = new Map(),
): Viewer => ({
  id: randomUUID(),
  email,
  name: email,
  globalRole,
  globalPermissions: new Set(globalRole ? DEFAULT_GRANTS[globalRole] : []),
  tenantAccess,
});
const admin = viewer("admin@it.test", "admin");
const secondAdmin = viewer("admin2@it.test", "admin");

let kafka: Kafka;
let kafkaAdmin: Admin;
let producer: Producer;
let agent: DeploymentAgent;
let logDir: string;
let produced = 0;
const step = (what: string) => console.log(`[deployments it] ${new Date().toISOString()} ${what}`);

beforeAll(async () => {
  kafka = testKafka();
  kafkaAdmin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([kafkaAdmin.connect(), producer.connect()]);
  await ensureTenantTopics(kafkaAdmin, tenant, 3);
  const db = getPrisma();
  await db.environment.createMany({
    data: [
      { id: environmentId, name: "IT local", driver: "local" },
      { id: protectedId, name: "IT protected", driver: "local", protected: true },
    ],
  });
  await db.tenant.createMany({
    data: [
      { slug: tenant, name: "IT deploy" },
      { slug: otherTenant, name: "IT other" },
    ],
  });
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), "it-deploy-"));
  const driver = createLocalDriver({ environmentId, env: { ...process.env, HEARTBEAT_INTERVAL_MS: "500" }, logDir });
  agent = await startDeploymentAgent({
    db,
    environmentId,
    driver,
    intervalMs: 500,
    rolloutTimeoutMs: 300_000,
    log: (line) => console.log(`[agent] ${line}`),
  });
});

afterAll(async () => {
  await agent?.stop();
  await producer?.disconnect();
  await kafkaAdmin?.disconnect();
  await disconnectPrisma();
  if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
});

/** `count` upserts of members never seen before, spread over the partitions by key. */
async function produceMembers(count: number): Promise<void> {
  for (let start = 0; start < count; start += 1_000) {
    const messages = Array.from({ length: Math.min(1_000, count - start) }, () => {
      const id = `m-${++produced}`;
      const update = {
        tenant,
        entity: "member",
        op: "upsert",
        id,
        memberId: id,
        sourceLsn: String(produced),
        sourceVersion: 1,
        sourceTsMs: Date.now(),
        cdcTopic: topics.cdc("members"),
        cdcPartition: 0,
        cdcOffset: String(produced),
        data: {
          memberId: id,
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
      return { key: id, value: JSON.stringify(update) };
    });
    await producer.send({ topic: topics.updates, acks: -1, messages });
  }
}

async function groupLag(): Promise<number> {
  const [ends, committed] = await Promise.all([
    kafkaAdmin.fetchTopicOffsets(topics.updates),
    kafkaAdmin.fetchOffsets({ groupId: group, topics: [topics.updates] }),
  ]);
  const end = new Map(ends.map((p) => [p.partition, Number(p.offset)]));
  return committed[0]!.partitions.reduce((sum, p) => sum + (end.get(p.partition)! - Math.max(0, Number(p.offset))), 0);
}

const members = async () => (await kafkaAdmin.describeGroups([group])).groups[0]!.members.length;
const target = async () =>
  (await readTargets(getPrisma(), environmentId, [tenant])).find((t) => t.stage === "update-processor");
const appliedCount = async () => getPrisma().targetMember.count({ where: { tenant } });

async function settled(id: string, timeoutMs = 300_000) {
  let last = "";
  try {
    return await waitFor(
      `deployment ${id} to finish`,
      async () => {
        const d = await getPrisma().deployment.findUniqueOrThrow({ where: { id } });
        last = `${d.state}: ${d.message}`;
        return ["SUCCEEDED", "FAILED", "CANCELED"].includes(d.state) ? d : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    const logs = (await getPrisma().deploymentInstance.findMany({ where: { environmentId } })).map(
      (i) => `${i.instanceId} ${i.state}:\n${i.logTail}`,
    );
    throw new Error(`${String(error)}; last ${last}\n${logs.join("\n")}`);
  }
}

/** messages consumed per second over `ms`, from the group's lag while nothing is produced */
async function drainRate(ms: number): Promise<number> {
  const before = await groupLag();
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ((before - (await groupLag())) * 1000) / (Date.now() - started);
}

describe("deployments on the local environment", () => {
  let deploymentId = "";

  it(
    "deploys, scales to 3 members that drain the backlog faster, survives a killed process and rolls back",
    { timeout: 900_000 },
    async () => {
      // each instance is capped (as one would cap it to protect the target database), so replicas add throughput even on a busy
      // 2-core host; small fetches keep the pace smooth, so a 6 s window measures it fairly
      const created = await createDeployment(admin, context, {
        environment: environmentId,
        tenant,
        stage: "update-processor",
        replicas: 1,
        version: "1.0.0",
        config: { CONSUMER_MAX_RATE: "800", CONSUMER_MAX_BYTES: "65536", CONSUMER_CONCURRENCY: "1" },
        reason: "first rollout",
      });
      deploymentId = created.deployment.id;
      expect(created.deployment).toMatchObject({ state: "QUEUED", revision: 1 });
      expect((await settled(deploymentId)).state).toBe("SUCCEEDED");
      await waitFor("1 group member", async () => ((await members()) === 1 ? true : undefined), 60_000);

      step("revision 1 rolled out; building a backlog");
      await produceMembers(40_000);
      await waitFor("consumption to start", async () => ((await groupLag()) < 40_000 ? true : undefined), 60_000);
      const oneReplica = await drainRate(6_000);

      step(`1 replica drains ${oneReplica.toFixed(0)} msg/s; scaling to 3`);
      const scaled = await scaleDeployment(admin, context, deploymentId, { replicas: 3, reason: "backlog" });
      expect(scaled.changes).toEqual([{ field: "replicas", from: 1, to: 3 }]);
      expect((await settled(scaled.deployment.id)).state).toBe("SUCCEEDED");
      await waitFor("3 group members", async () => ((await members()) === 3 ? true : undefined), 60_000);
      expect((await target())!.instances.filter((i) => i.ready)).toHaveLength(3);
      expect(await groupLag(), "backlog left to compare the drain rates").toBeGreaterThan(3_000);
      const threeReplicas = await drainRate(6_000);
      console.log(`drain rate: 1 replica ${oneReplica.toFixed(0)} msg/s, 3 replicas ${threeReplicas.toFixed(0)} msg/s`);
      expect(threeReplicas).toBeGreaterThan(oneReplica);
      await waitFor("the backlog to drain", async () => ((await groupLag()) === 0 ? true : undefined), 120_000);

      step("backlog drained; killing an instance");
      // a killed process: Degraded with the reason, restarted by the driver, nothing lost
      const victim = (await target())!.instances[1]!;
      process.kill(victim.pid!, "SIGKILL");
      const degraded = await waitFor(
        "health Degraded",
        async () => {
          const t = await target();
          return t?.status.health === "Degraded" ? t.status : undefined;
        },
        30_000,
      );
      expect(degraded.reason).toContain(victim.instanceId);
      expect(degraded.reason).toContain("SIGKILL");
      await produceMembers(3_000);
      const healed = await waitFor(
        "health Healthy again",
        async () => {
          const t = await target();
          return t?.status.health === "Healthy" ? t : undefined;
        },
        90_000,
      );
      expect(healed.instances.find((i) => i.instanceId === victim.instanceId)).toMatchObject({
        restarts: 1,
        lastExit: "SIGKILL",
      });
      await waitFor(
        "every member applied",
        async () => ((await appliedCount()) === produced ? true : undefined),
        90_000,
      );
      expect(await appliedCount()).toBe(43_000);

      step("nothing lost; rolling back");
      // roll back to revision 1: a new revision with its replicas
      const rolledBack = await rollbackDeployment(admin, context, deploymentId, {
        revision: 1,
        reason: "back to the first rollout",
      });
      expect(rolledBack.deployment).toMatchObject({ revision: 3, action: "rollback", rollbackOf: 1, replicas: 1 });
      expect((await settled(rolledBack.deployment.id)).state).toBe("SUCCEEDED");
      await waitFor(
        "1 group member after the rollback",
        async () => ((await members()) === 1 ? true : undefined),
        60_000,
      );

      const { history } = await getDeployment(admin, deploymentId);
      expect(history.map((d) => [d.revision, d.action, d.state])).toEqual([
        [3, "rollback", "SUCCEEDED"],
        [2, "scale", "SUCCEEDED"],
        [1, "deploy", "SUCCEEDED"],
      ]);
      expect(history[0]!.changes).toEqual([{ field: "replicas", from: 3, to: 1 }]);
      const audit = await getPrisma().auditEvent.findMany({
        where: { target: { startsWith: `deployment:${environmentId}/${tenant}/` } },
        orderBy: { id: "asc" },
      });
      expect(audit.map((a) => a.action)).toEqual(["deployment.deploy", "deployment.scale", "deployment.rollback"]);
    },
  );

  it("keeps one deployment in flight per target and needs another admin's approval in a protected environment", async () => {
    const input = {
      environment: protectedId,
      tenant,
      stage: "retry-processor",
      replicas: 1,
      reason: "protected rollout",
    };
    const pending = await createDeployment(admin, context, input);
    expect(pending.deployment.state).toBe("PENDING_APPROVAL");
    await expect(createDeployment(admin, context, input)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(approveDeployment(admin, context, pending.deployment.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("other than its requester"),
    });
    const ops = viewer("ops@it.test", "ops");
    await expect(approveDeployment(ops, context, pending.deployment.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await approveDeployment(secondAdmin, context, pending.deployment.id)).deployment).toMatchObject({
      state: "QUEUED",
      approvedBy: secondAdmin.email,
    });
    expect((await cancelDeployment(admin, context, pending.deployment.id)).deployment.state).toBe("CANCELED");
  });

  it("shows and lets act on a tenant's deployments only to its members", async () => {
    const db = getPrisma();
    const [own, other] = await Promise.all([
      db.tenant.findUniqueOrThrow({ where: { slug: tenant } }),
      db.tenant.findUniqueOrThrow({ where: { slug: otherTenant } }),
    ]);
    const opsPermissions = new Set(DEFAULT_GRANTS.ops);
    const outsider = viewer(
      "outsider@it.test",
      null,
      new Map([[other.id, { role: "ops", permissions: opsPermissions }]]),
    );
    const member = viewer("member@it.test", null, new Map([[own.id, { role: "ops", permissions: opsPermissions }]]));

    expect((await listDeployments(outsider, { environment: environmentId })).deployments).toEqual([]);
    expect((await getEnvironmentStatus(outsider, environmentId)).targets).toEqual([]);
    await expect(getDeployment(outsider, deploymentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(scaleDeployment(outsider, context, deploymentId, { replicas: 2 })).rejects.toBeInstanceOf(AppError);
    await expect(
      createDeployment(outsider, context, {
        environment: environmentId,
        tenant,
        stage: "cdc-processor",
        reason: "not mine",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect((await listDeployments(member, { environment: environmentId })).deployments.length).toBeGreaterThanOrEqual(
      3,
    );
    const status = await getEnvironmentStatus(member, environmentId);
    expect(status.targets.map((t) => [t.tenant, t.stage, t.permissions.deploy])).toEqual([
      [tenant, "update-processor", true],
    ]);
    const viewerRole = viewer(
      "viewer@it.test",
      null,
      new Map([[own.id, { role: "viewer", permissions: new Set(DEFAULT_GRANTS.viewer) }]]),
    );
    await expect(scaleDeployment(viewerRole, context, deploymentId, { replicas: 2 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
