/**
 * `npm run bench:k8s`: the Kubernetes driver with 100 tenants × 3 stages (300 Deployments) on the
 * test control plane (test/k8s/control-plane.ts: real etcd, kube-apiserver, controller-manager and
 * scheduler; kwok simulates the node and its pods). Measures the time to apply all 300 and see every
 * one Healthy through the driver's watches, and the time from a crash-looping revision of one target
 * to the driver reporting it Degraded (target ≤ 5 s). The console's Deployments API p95 is not
 * measured here. Needs `npm run tools:k8s`.
 */
import { STAGES } from "@/lib/contract/topics";
import { CRASH_LOOP_IMAGE, startControlPlane } from "@/test/k8s/control-plane";
import * as k8s from "@kubernetes/client-node";
import { createKubernetesDriver } from "@/server/deployments/kubernetes/driver";
import { kubernetesSettingsOf, loadKubeConfig, PROCESSOR_SECRET_KEYS } from "@/server/deployments/kubernetes/settings";

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const log = (line: string) => console.log(`bench:k8s: ${line}`);

async function waitUntil(check: () => boolean, timeoutMs: number, state: () => string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs / 1000} s: ${state()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

async function main() {
  const startedAt = Date.now();
  const plane = await startControlPlane();
  log(`control plane up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  try {
    const kubeConfig = loadKubeConfig({ KUBECONFIG: plane.kubeconfig });
    await kubeConfig.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: "bench" } } });
    const image = CRASH_LOOP_IMAGE.replace(/:crash-loop$/, "");
    const driver = createKubernetesDriver({
      environmentId: "bench",
      kubeConfig,
      settings: kubernetesSettingsOf({ namespace: "bench", image }),
      secretKeys: PROCESSOR_SECRET_KEYS,
    });
    await driver.ready();
    const targets = Array.from({ length: TENANTS }, (_, i) => `t${String(i).padStart(3, "0")}`).flatMap((tenant) =>
      STAGES.map((stage) => ({ tenant, stage })),
    );
    const spec = { revision: 1, version: "1.0.0", config: {}, replicas: 1 };

    const applyStarted = Date.now();
    for (let i = 0; i < targets.length; i += 20)
      await Promise.all(targets.slice(i, i + 20).map((t) => driver.apply(t, spec)));
    const applyMs = Date.now() - applyStarted;
    const healthyMs =
      applyMs +
      (await waitUntil(
        () => targets.every((t) => driver.status(t).health === "Healthy"),
        Number(process.env.BENCH_TIMEOUT_S ?? 600) * 1000,
        () => {
          const waiting = targets.filter((t) => driver.status(t).health !== "Healthy");
          return `${waiting.length} not Healthy, e.g. ${waiting
            .slice(0, 3)
            .map((t) => `${t.tenant}/${t.stage}: ${driver.status(t).reason}`)
            .join("; ")}`;
        },
      ));
    log(
      `${targets.length} Deployments applied in ${(applyMs / 1000).toFixed(1)} s, all Healthy after ${(healthyMs / 1000).toFixed(1)} s`,
    );

    const victim = targets[Math.floor(targets.length / 2)]!;
    const crashStarted = Date.now();
    await driver.apply(victim, { ...spec, revision: 2, version: "crash-loop" });
    const crashMs =
      Date.now() -
      crashStarted +
      (await waitUntil(
        () => driver.status(victim).health === "Degraded",
        120_000,
        () => driver.status(victim).reason,
      ));
    log(`${victim.tenant}/${victim.stage}: ${driver.status(victim).reason}`);

    const observeStarted = process.hrtime.bigint();
    const instances = driver.observe();
    const observeMs = Number(process.hrtime.bigint() - observeStarted) / 1e6;
    await driver.close();
    log(
      `k8s: ${targets.length} Deployments rolled out and Healthy in ${(healthyMs / 1000).toFixed(1)} s; crash loop seen as Degraded in ${(crashMs / 1000).toFixed(2)} s (target ≤ 5 s); observe() of ${instances.length} pods in ${observeMs.toFixed(1)} ms`,
    );
  } finally {
    await plane.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
