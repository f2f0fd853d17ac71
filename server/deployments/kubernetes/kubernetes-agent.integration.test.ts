/**
 * A `kubernetes` environment end to end: added through the console's API with its namespace and
 * image, its agent (startDeploymentAgent with the Kubernetes driver) takes a queued deployment,
 * applies the Deployment on a real API server (test/k8s/control-plane.ts; kwok simulates the node,
 * no container runs) and reports the pods as the target's instances.
 */
import { randomUUID } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { startControlPlane, type ControlPlane } from "@/test/k8s/control-plane";
import { withThrowawayDatabase } from "../../../test/integration/throwaway-database";
import { startDeploymentAgent, type DeploymentAgent } from "../agent";
import { createEnvironment } from "../environment-admin";
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

beforeAll(async () => {
  plane = await startControlPlane();
}, 240_000);

afterAll(async () => {
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
        config: {},
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
});
