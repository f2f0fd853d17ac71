/**
 * The kubernetes driver against a real control plane (test/k8s/control-plane.ts): etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler built from Kubernetes' own sources.
 * No kubelet can run containers on these machines, so pods run on a node simulated by kwok, which
 * reports them Running and Ready (or crash-looping, for the crash-loop image) as a kubelet would;
 * every other part — API, RBAC, server-side apply, the Deployment and ReplicaSet controllers, the
 * scheduler, watches — is the real one. Without `npm run tools:k8s` these tests fail and say so.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRASH_LOOP_IMAGE, startControlPlane, type ControlPlane } from "@/test/k8s/control-plane";
import type { TargetKey, TargetSpec } from "../driver";
import { createKubernetesDriver, type KubernetesDriver } from "./driver";
import { LABEL } from "./manifest";
import { kubernetesSettingsOf, loadKubeConfig, PROCESSOR_SECRET_KEYS } from "./settings";

const ROOT = path.resolve(__dirname, "../../..");
const NAMESPACE = "syncdeck-k8s";
const OTHER_NAMESPACE = "someone-else";
const IMAGE = CRASH_LOOP_IMAGE.replace(/:crash-loop$/, "");
const target: TargetKey = { tenant: "acme", stage: "cdc-processor" };

let plane: ControlPlane;
let admin: k8s.KubeConfig;
let driver: KubernetesDriver;
const drivers: KubernetesDriver[] = [];

function newDriver(kubeConfig: k8s.KubeConfig, namespace: string, environmentId = "k8s-it"): KubernetesDriver {
  const d = createKubernetesDriver({
    environmentId,
    kubeConfig,
    settings: kubernetesSettingsOf({
      namespace,
      image: IMAGE,
      secretName: "syncdeck-secrets",
      progressDeadlineSeconds: "60",
    }),
    secretKeys: PROCESSOR_SECRET_KEYS,
  });
  drivers.push(d);
  return d;
}

async function until<T>(
  what: string,
  read: () => T | Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s; last: ${JSON.stringify(last)}`);
}

const spec = (revision: number, over: Partial<TargetSpec> = {}): TargetSpec => ({
  revision,
  version: "1.0.0",
  config: { CONSUMER_CONCURRENCY: "2" },
  replicas: 1,
  ...over,
});

beforeAll(async () => {
  plane = await startControlPlane();
  admin = loadKubeConfig({ KUBECONFIG: plane.kubeconfig });
  const core = admin.makeApiClient(k8s.CoreV1Api);
  for (const name of [NAMESPACE, OTHER_NAMESPACE]) await core.createNamespace({ body: { metadata: { name } } });
  driver = newDriver(admin, NAMESPACE);
  await driver.ready();
}, 240_000);

afterAll(async () => {
  await Promise.allSettled(drivers.map((d) => d.close()));
  await plane?.stop();
});

describe("kubernetes driver on a real API server", () => {
  it("creates the target's Deployment, whose pod becomes Ready: Healthy", async () => {
    await driver.apply(target, spec(1));
    const status = await until(
      "Healthy",
      () => driver.status(target)!,
      (s) => s.health === "Healthy",
    );
    expect(status.reason).toBe("1 of 1 pod(s) ready");
    const [instance] = driver.observe();
    expect(instance).toMatchObject({
      tenant: "acme",
      stage: "cdc-processor",
      revision: 1,
      state: "running",
      restarts: 0,
    });

    const live = await admin
      .makeApiClient(k8s.AppsV1Api)
      .readNamespacedDeployment({ name: "acme-cdc-processor", namespace: NAMESPACE });
    expect(live.metadata?.labels).toMatchObject({
      [LABEL.managedBy]: "syncdeck",
      [LABEL.tenant]: "acme",
      [LABEL.stage]: "cdc-processor",
      [LABEL.revision]: "1",
    });
    const env = live.spec!.template.spec!.containers[0]!.env!;
    expect(env.find((e) => e.name === "DATABASE_URL")?.valueFrom?.secretKeyRef).toMatchObject({
      name: "syncdeck-secrets",
      key: "DATABASE_URL",
    });
    expect(live.metadata?.managedFields?.map((f) => f.manager)).toContain("syncdeck");
    expect(driver.drift(target)!).toEqual([]);
  });

  it("scales 1 → 3 on the same ReplicaSet", async () => {
    await driver.apply(target, spec(2, { replicas: 3 }));
    await until(
      "3 pods ready",
      () => driver.status(target)!,
      (s) => s.health === "Healthy" && s.ready === 3,
    );
    const instances = driver.observe();
    expect(instances).toHaveLength(3);
    expect(instances.every((i) => i.revision === 2 && i.state === "running")).toBe(true);
    const sets = await admin.makeApiClient(k8s.AppsV1Api).listNamespacedReplicaSet({ namespace: NAMESPACE });
    expect(sets.items).toHaveLength(1);
  });

  it("reports a crash-looping revision as Degraded with the reason, and a roll back as Healthy", async () => {
    await driver.apply(target, spec(3, { replicas: 3, version: "crash-loop" }));
    const degraded = await until(
      "Degraded",
      () => driver.status(target)!,
      (s) => s.health === "Degraded",
    );
    expect(degraded.reason).toMatch(
      /^pod acme-cdc-processor-[a-z0-9-]+: container processor keeps exiting and is restarted with back-off \(CrashLoopBackOff\); last exit: Error \(exit code 1\), restarted 4 times$/,
    );
    const crashing = driver.observe().find((i) => i.revision === 3);
    expect(crashing).toMatchObject({ state: "restarting", restarts: 4, lastExit: "Error (exit code 1)" });
    // one pod at a time (maxUnavailable 0): the old pods keep serving meanwhile; they run the
    // template revision 1 made (revision 2 only scaled it)
    expect(driver.observe().filter((i) => i.revision === 1 && i.state === "running")).toHaveLength(3);

    // roll back = apply revision 2's version and settings again, as revision 4
    await driver.apply(target, spec(4, { replicas: 3 }));
    const healthy = await until(
      "Healthy after the roll back",
      () => driver.status(target)!,
      (s) => s.health === "Healthy" && driver.observe().length === 3,
    );
    expect(healthy.reason).toBe("3 of 3 pod(s) ready");
    expect(driver.observe().every((i) => i.revision === 4 && i.state === "running")).toBe(true);
  });

  it("restarts every pod through the pod template's annotation", async () => {
    const before = driver.observe().map((i) => i.instanceId);
    await driver.apply(target, spec(5, { replicas: 3 }), { restart: true });
    await until(
      "new pods after the restart",
      () => driver.observe(),
      (instances) =>
        instances.length === 3 &&
        instances.every((i) => !before.includes(i.instanceId) && i.state === "running") &&
        driver.status(target)!.health === "Healthy",
    );
  });

  it("shows a Deployment changed with kubectl as drift, with the fields; applying again repairs it", async () => {
    const kubectl = (...args: string[]) => {
      const result = spawnSync("kubectl", ["--kubeconfig", plane.kubeconfig, "--namespace", NAMESPACE, ...args], {
        encoding: "utf8",
        cwd: ROOT,
      });
      expect(result.status, result.stderr).toBe(0);
    };
    kubectl("scale", "deployment/acme-cdc-processor", "--replicas=5");
    kubectl("set", "image", "deployment/acme-cdc-processor", "processor=registry.invalid/other:9.9");
    const drift = await until(
      "drift",
      () => driver.drift(target)!,
      (d) => d.length >= 2,
    );
    expect(drift).toEqual(
      expect.arrayContaining([
        { path: "spec.replicas", applied: "3", live: "5" },
        {
          path: "spec.template.spec.containers[processor].image",
          applied: JSON.stringify(`${IMAGE}:1.0.0`),
          live: '"registry.invalid/other:9.9"',
        },
      ]),
    );
    await driver.apply(target, spec(6, { replicas: 3 }));
    await until(
      "in sync again",
      () => driver.drift(target)!,
      (d) => d.length === 0,
    );
    await until(
      "Healthy again",
      () => driver.status(target)!,
      (s) => s.health === "Healthy" && s.ready === 3,
    );
  });

  it("answers logs per pod, and says why a simulated pod has none", async () => {
    const logs = await driver.logs(target, { tailLines: 50 });
    expect(logs).toHaveLength(driver.observe().filter((i) => i.state !== "stopped").length);
    for (const log of logs) {
      expect(log.lines).toEqual([]);
      expect(log.empty).toMatch(/^no log from pod acme-cdc-processor-/);
    }
  });

  it("stops at 0 replicas: Suspended", async () => {
    await driver.apply(target, spec(7, { replicas: 0 }));
    await until(
      "Suspended",
      () => driver.status(target)!,
      (s) => s.health === "Suspended",
    );
    expect(driver.observe()).toEqual([]);
  });

  it("runs a pool as one Deployment serving its tenants, rolling its pods when a tenant joins", async () => {
    const pool: TargetKey = { tenant: "pool-small", stage: "update-processor" };
    const apps = admin.makeApiClient(k8s.AppsV1Api);
    const argsOf = async () =>
      (await apps.readNamespacedDeployment({ name: "pool-small-update-processor", namespace: NAMESPACE })).spec!
        .template.spec!.containers[0]!.args;
    await driver.apply(pool, spec(1, { tenants: ["acme", "globex"] }));
    await until(
      "the pool Healthy",
      () => driver.status(pool)!,
      (s) => s.health === "Healthy",
    );
    expect(await argsOf()).toEqual([
      "processor",
      "update-processor",
      "--pool",
      "pool-small",
      "--tenants",
      "acme,globex",
      "--refresh-members",
      "--instance-id",
      "$(POD_NAME)",
    ]);
    const before = driver.observe().filter((i) => i.tenant === "pool-small");
    expect(before).toHaveLength(1);

    await driver.apply(pool, spec(2, { tenants: ["acme", "globex", "initech"] }));
    await until(
      "the pool's pod replaced",
      () => driver.observe().filter((i) => i.tenant === "pool-small"),
      (now) => now.length === 1 && now[0]!.revision === 2 && now[0]!.state === "running",
    );
    expect((await argsOf())?.[5]).toBe("acme,globex,initech");

    // nobody placed in it: no pod
    await driver.apply(pool, spec(3, { tenants: [] }));
    await until(
      "the empty pool Suspended",
      () => driver.status(pool)!,
      (s) => s.health === "Suspended",
    );
  });

  it("is Missing when the Deployment is gone", () => {
    expect(driver.status({ tenant: "nobody", stage: "cdc-processor" })).toMatchObject({ health: "Missing" });
  });
});

describe("the Helm chart's agent Role", () => {
  it("lets the agent's ServiceAccount run processors in its namespace and nowhere else", async () => {
    const rendered = spawnSync(
      path.join(ROOT, ".cache/tools/bin/helm"),
      ["template", "syncdeck", "deploy/helm/syncdeck", "--namespace", NAMESPACE, "--set", "agent.rbac.create=true"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(rendered.status, rendered.stderr).toBe(0);
    const objects = k8s.loadAllYaml(rendered.stdout) as k8s.KubernetesObject[];
    const rbac = objects.filter(
      (o) =>
        o && ["ServiceAccount", "Role", "RoleBinding"].includes(o.kind ?? "") && o.metadata?.name?.endsWith("-agent"),
    );
    expect(rbac.map((o) => o.kind).sort()).toEqual(["Role", "RoleBinding", "ServiceAccount"]);
    const objectsApi = k8s.KubernetesObjectApi.makeApiClient(admin);
    for (const object of rbac)
      await objectsApi.create({ ...object, metadata: { ...object.metadata, namespace: NAMESPACE } });

    const serviceAccount = rbac.find((o) => o.kind === "ServiceAccount")!.metadata!.name!;
    const token = await admin.makeApiClient(k8s.CoreV1Api).createNamespacedServiceAccountToken({
      name: serviceAccount,
      namespace: NAMESPACE,
      body: { spec: { audiences: ["https://kubernetes.default.svc"], expirationSeconds: 3600 } },
    });
    const agentConfig = loadKubeConfig({ KUBECONFIG: plane.kubeconfigFor(token.status!.token, "agent") });

    const own = newDriver(agentConfig, NAMESPACE, "k8s-rbac");
    await own.ready();
    const rbacTarget = { tenant: "rbac", stage: "update-processor" };
    await own.apply(rbacTarget, spec(1));
    await until(
      "Healthy as the agent",
      () => own.status(rbacTarget)!,
      (s) => s.health === "Healthy",
    );

    const agentCore = agentConfig.makeApiClient(k8s.CoreV1Api);
    const agentApps = agentConfig.makeApiClient(k8s.AppsV1Api);
    const denied = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(k8s.ApiException);
      return (error as k8s.ApiException<unknown>).code;
    };
    const foreign = newDriver(agentConfig, OTHER_NAMESPACE, "k8s-rbac");
    await expect(foreign.apply(rbacTarget, spec(1))).rejects.toThrow(/answered 403/);
    expect(await denied(agentApps.listNamespacedDeployment({ namespace: OTHER_NAMESPACE }))).toBe(403);
    expect(await denied(agentCore.listNamespacedPod({ namespace: OTHER_NAMESPACE }))).toBe(403);
    // in its own namespace, only what the Role names: no Secrets, no Services
    expect(await denied(agentCore.listNamespacedSecret({ namespace: NAMESPACE }))).toBe(403);
    expect(
      await denied(
        agentCore.createNamespacedService({
          namespace: NAMESPACE,
          body: { metadata: { name: "x" }, spec: { ports: [{ port: 80 }] } },
        }),
      ),
    ).toBe(403);
  });
});
