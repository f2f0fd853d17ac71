/**
 * A `kubernetes` environment end to end: added through the console's API with its namespace and
 * image, its agent (startDeploymentAgent with the Kubernetes driver) takes a queued deployment,
 * applies the Deployment on a real API server (test/k8s/control-plane.ts; kwok simulates the node,
 * no container runs) and reports the pods as the target's instances — and what the console shows
 * of it through readTargets and the deployment service: the Deployment's status with its reason,
 * drift made with kubectl, the pods' logs, and a roll back's live template.
 *
 * kwok runs no container, so no processor inside a pod sends heartbeats; where a test needs a
 * rollout to succeed, it writes the heartbeat each running pod's processor would send (its
 * instance id is the pod's name), and only for pods the API reports Running.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { startControlPlane, type ControlPlane } from "@/test/k8s/control-plane";
import { withThrowawayDatabase } from "../../../test/integration/throwaway-database";
import { startDeploymentAgent, type DeploymentAgent } from "../agent";
import { createEnvironment } from "../environment-admin";
import { createDeployment, getDeploymentLogs, getEnvironmentStatus, rollbackDeployment } from "../service";
import { readTargets } from "../targets";
import { createKubernetesDriver } from "./driver";
import { kubernetesSettingsOf, loadKubeConfig, PROCESSOR_SECRET_KEYS } from "./settings";

withThrowawayDatabase("it_k8s_agent", { demo: false });

const admin: Viewer = {
  id: randomUUID(),
  email: "admin@it.test",
  name: "admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};
let plane: ControlPlane;
let agent: DeploymentAgent | undefined;
let beating: ReturnType<typeof setInterval> | undefined;
const ROOT = path.resolve(__dirname, "../../..");
const context = { requestId: "it-k8s", sourceAddress: "127.0.0.1" };
const TARGET = { tenant: "acme", stage: "update-processor" };

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s; last: ${JSON.stringify(last)}`);
}

const target = async () => {
  const targets = await readTargets(getPrisma(), "cluster", "all");
  return targets.find((t) => t.tenant === TARGET.tenant && t.stage === TARGET.stage)!;
};

/** What each running pod's processor would send (kwok runs no container to send it). */
function beatForRunningPods() {
  const db = getPrisma();
  const beat = async () => {
    const running = await db.deploymentInstance.findMany({ where: { environmentId: "cluster", state: "running" } });
    const now = new Date();
    for (const i of running) {
      const row = {
        tenant: i.tenant,
        stage: i.stage,
        version: "simulated",
        pid: 1,
        host: i.instanceId,
        startedAt: i.startedAt ?? now,
        lastBeatAt: now,
        counts: {},
      };
      await db.processorHeartbeat.upsert({
        where: { instanceId: i.instanceId },
        create: { instanceId: i.instanceId, ...row },
        update: { lastBeatAt: now },
      });
    }
  };
  beating = setInterval(() => void beat().catch(() => {}), 500);
}

beforeAll(async () => {
  plane = await startControlPlane();
}, 240_000);

afterAll(async () => {
  clearInterval(beating);
  await agent?.stop();
  await plane?.stop();
});

describe("an environment of kind kubernetes", () => {
  it("is added through the API and its agent runs a queued deployment as a Deployment whose pods are its instances", async () => {
    const kubeConfig = loadKubeConfig({ KUBECONFIG: plane.kubeconfig });
    await kubeConfig.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: "processors" } } });
    await createEnvironment(
      admin,
      { requestId: "it-k8s", sourceAddress: "127.0.0.1" },
      {
        id: "cluster",
        driver: "kubernetes",
        settings: { namespace: "processors", image: "registry.invalid/syncdeck" },
      },
    );
    const db = getPrisma();
    const environment = await db.environment.findUniqueOrThrow({ where: { id: "cluster" } });
    expect(environment.driver).toBe("kubernetes");

    await db.deployment.create({
      data: {
        environmentId: "cluster",
        tenant: "acme",
        stage: "update-processor",
        revision: 1,
        action: "deploy",
        version: "2.1.0",
        config: { CONSUMER_CONCURRENCY: "2" },
        replicas: 2,
        state: "QUEUED",
        reason: "first rollout",
        requestedBy: "admin@it.test",
      },
    });
    const driver = createKubernetesDriver({
      environmentId: "cluster",
      kubeConfig,
      settings: kubernetesSettingsOf(environment.settings as Record<string, string>),
      secretKeys: PROCESSOR_SECRET_KEYS,
    });
    await driver.ready();
    agent = await startDeploymentAgent({ db, environmentId: "cluster", driver, intervalMs: 250 });

    const deadline = Date.now() + 60_000;
    let instances: Awaited<ReturnType<typeof db.deploymentInstance.findMany>> = [];
    while (Date.now() < deadline) {
      instances = await db.deploymentInstance.findMany({ where: { environmentId: "cluster" } });
      if (instances.length === 2 && instances.every((i) => i.state === "running")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(instances.map((i) => ({ tenant: i.tenant, stage: i.stage, revision: i.revision, state: i.state }))).toEqual([
      { tenant: "acme", stage: "update-processor", revision: 1, state: "running" },
      { tenant: "acme", stage: "update-processor", revision: 1, state: "running" },
    ]);
    // the instance id is the pod's name, which a real processor's heartbeat reports (--instance-id $(POD_NAME))
    expect(instances.every((i) => i.instanceId.startsWith("acme-update-processor-"))).toBe(true);
    // SUCCEEDED waits for the processors' heartbeats, which simulated pods do not send
    expect((await db.deployment.findFirstOrThrow({ where: { environmentId: "cluster" } })).state).toBe("ROLLING_OUT");
    expect(driver.status({ tenant: "acme", stage: "update-processor" })).toMatchObject({
      health: "Healthy",
      reason: "2 of 2 pod(s) ready",
    });
  });

  it("shows the Deployment's status through readTargets and the status API, and the rollout succeeds once the pods' processors beat", async () => {
    const db = getPrisma();
    const written = await until(
      "the agent's status row",
      () => db.deploymentTargetState.findMany({ where: { environmentId: "cluster" } }),
      (rows) => rows.length === 1 && rows[0]!.health === "Healthy",
    );
    expect(written[0]).toMatchObject({ ...TARGET, sync: "Synced", reason: "2 of 2 pod(s) ready", drift: [] });
    // no heartbeat yet: readTargets does not call the target Healthy because the pods are Ready
    expect((await target()).status).toMatchObject({ health: "Progressing", reason: "0 of 2 instance(s) ready" });

    beatForRunningPods();
    const done = await until(
      "revision 1 SUCCEEDED",
      () => db.deployment.findFirstOrThrow({ where: { environmentId: "cluster", revision: 1 } }),
      (d) => d.state === "SUCCEEDED",
    );
    expect(done.message).toBe("2 of 2 instance(s) ready");
    const { targets } = await getEnvironmentStatus(admin, "cluster");
    expect(targets[0]!.status).toEqual({
      health: "Healthy",
      sync: "Synced",
      reason: "2 of 2 instance(s) ready",
      running: 2,
      ready: 2,
      drift: [],
    });
  });

  it("shows a crash-looping revision as Degraded with the CrashLoopBackOff reason, and its rollout fails, never succeeds", async () => {
    const db = getPrisma();
    const { deployment } = await createDeployment(admin, context, {
      environment: "cluster",
      ...TARGET,
      version: "crash-loop",
      config: { CONSUMER_CONCURRENCY: "4" },
      replicas: 2,
      reason: "a revision whose container exits",
    });
    const degraded = await until(
      "Degraded through readTargets",
      target,
      // the heartbeats alone call it Degraded too, once the pod has exited; the Deployment's words name why
      (t) => t.status.health === "Degraded" && t.status.reason.includes("CrashLoopBackOff"),
    );
    expect(degraded.status.reason).toMatch(
      /^pod acme-update-processor-[a-z0-9-]+: container processor keeps exiting and is restarted with back-off \(CrashLoopBackOff\)/,
    );
    // the old pods keep running (maxUnavailable 0) and beating: the platform's word still wins
    expect(degraded.instances.filter((i) => i.revision === 1 && i.ready)).toHaveLength(2);
    const rolling = await until(
      "the rollout's message",
      () => db.deployment.findUniqueOrThrow({ where: { id: deployment.id } }),
      (d) => /CrashLoopBackOff/.test(d.message ?? ""),
    );
    expect(rolling.state).toBe("ROLLING_OUT");

    // the rollout's time runs out (its start moved back past the agent's 180 s): FAILED with the reason
    await db.deployment.update({ where: { id: deployment.id }, data: { startedAt: new Date(Date.now() - 181_000) } });
    const failed = await until(
      "FAILED",
      () => db.deployment.findUniqueOrThrow({ where: { id: deployment.id } }),
      (d) => d.state !== "ROLLING_OUT",
    );
    expect(failed.state).toBe("FAILED");
    expect(failed.message).toMatch(/^not healthy after 180 s: pod acme-update-processor-.*\(CrashLoopBackOff\)/);
  });

  it("rolls back by re-applying the older revision's template: the live Deployment's image and settings are revision 1's", async () => {
    const db = getPrisma();
    const crashing = await db.deployment.findFirstOrThrow({ where: { environmentId: "cluster", revision: 2 } });
    const { deployment } = await rollbackDeployment(admin, context, crashing.id, {
      revision: 1,
      reason: "back to the revision that worked",
    });
    expect(deployment).toMatchObject({ revision: 3, rollbackOf: 1, version: "2.1.0", replicas: 2 });
    const done = await until(
      "the roll back SUCCEEDED",
      () => db.deployment.findUniqueOrThrow({ where: { id: deployment.id } }),
      (d) => d.state !== "QUEUED" && d.state !== "ROLLING_OUT",
      90_000,
    );
    expect(done.state).toBe("SUCCEEDED");
    const live = await loadKubeConfig({ KUBECONFIG: plane.kubeconfig })
      .makeApiClient(k8s.AppsV1Api)
      .readNamespacedDeployment({ name: "acme-update-processor", namespace: "processors" });
    const container = live.spec!.template.spec!.containers[0]!;
    expect(live.spec!.replicas).toBe(2);
    expect(container.image).toBe("registry.invalid/syncdeck:2.1.0");
    expect(container.env?.find((e) => e.name === "CONSUMER_CONCURRENCY")?.value).toBe("2");
    expect(container.env?.find((e) => e.name === "PROCESSOR_VERSION")?.value).toBe("2.1.0");
    expect((await target()).status).toMatchObject({ health: "Healthy", sync: "Synced", drift: [] });
  });

  it("shows a Deployment edited with kubectl (another field manager) as OutOfSync, listing the field", async () => {
    const result = spawnSync(
      "kubectl",
      [
        "--kubeconfig",
        plane.kubeconfig,
        "--namespace",
        "processors",
        "set",
        "env",
        "deployment/acme-update-processor",
        "CONSUMER_CONCURRENCY=9",
      ],
      { encoding: "utf8", cwd: ROOT },
    );
    expect(result.status, result.stderr).toBe(0);
    const drifted = await until("OutOfSync through readTargets", target, (t) => t.status.sync === "OutOfSync");
    expect(drifted.status.drift).toEqual([
      {
        path: "spec.template.spec.containers[processor].env[CONSUMER_CONCURRENCY].value",
        applied: '"2"',
        live: '"9"',
      },
    ]);
    const { targets } = await getEnvironmentStatus(admin, "cluster");
    expect(targets[0]!.status.sync).toBe("OutOfSync");
    expect(targets[0]!.status.drift).toHaveLength(1);
  });

  it("reads the pods' logs only while the log viewer asks, and shows the API's answer when a pod has none", async () => {
    const db = getPrisma();
    const instances = await db.deploymentInstance.findMany({ where: { environmentId: "cluster" } });
    // nobody looked yet: the agent never asked the API for a log
    expect(instances.every((i) => i.logTail === "" && i.logNote === null)).toBe(true);

    const current = await db.deployment.findFirstOrThrow({ where: { environmentId: "cluster", revision: 3 } });
    const answered = await until(
      "each pod's log answer",
      () => getDeploymentLogs(admin, current.id),
      ({ instances: shown }) => shown.length > 0 && shown.every((i) => i.logNote !== null || i.logTail !== ""),
      30_000,
    );
    // kwok simulates no kubelet, so the API server cannot fetch a container log: the viewer says so
    // in the API's words rather than showing invented lines
    for (const i of answered.instances) {
      expect(i.logTail).toBe("");
      expect(i.logNote).toMatch(new RegExp(`^no log from pod ${i.instanceId}: the Kubernetes API answered \\d{3}`));
    }
    console.log(`the pod log API under kwok: ${answered.instances[0]!.logNote}`);
  });
});
