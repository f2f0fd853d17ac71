/**
 * `npm run bench:k8s`: a kubernetes environment with 100 tenants × 3 stages (300 Deployments) on the
 * test control plane (test/k8s/control-plane.ts: real etcd, kube-apiserver, controller-manager and
 * scheduler; kwok simulates the node and its pods), driven as in production: an embedded Postgres
 * with the console's schema, the environment's agent (startDeploymentAgent with the Kubernetes
 * driver, ticking every second) and the console's service functions. Measures
 *
 * - the time from 300 queued deployments to all 300 Deployments Healthy as the agent records the
 *   platform's status (deployment_target_states);
 * - the time from a crash-looping revision of one target (queued through createDeployment, as the
 *   console's API does) until the Deployments page's data — readTargets — says Degraded with
 *   CrashLoopBackOff (target ≤ 5 s);
 * - the Deployments API with 300 targets and their status rows (and a heartbeat per pod, which the
 *   bench writes and renews for the processors kwok does not run): the
 *   function GET /api/environments/{id}/status calls, getEnvironmentStatus as an admin, plus the
 *   JSON body, 100 calls one after another, p50/p95 (target p95 ≤ 100 ms). The route's session check
 *   needs Next's request context and is left out.
 *
 * Needs `npm run tools:k8s`. The last line has every figure.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import { STAGES } from "@/lib/contract/topics";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { startDeploymentAgent } from "@/server/deployments/agent";
import { createKubernetesDriver } from "@/server/deployments/kubernetes/driver";
import { kubernetesSettingsOf, loadKubeConfig, PROCESSOR_SECRET_KEYS } from "@/server/deployments/kubernetes/settings";
import { createDeployment, getEnvironmentStatus } from "@/server/deployments/service";
import { readTargets } from "@/server/deployments/targets";
import { startPostgres } from "@/scripts/stack/postgres";
import { CRASH_LOOP_IMAGE, startControlPlane } from "@/test/k8s/control-plane";
import { percentile } from "./stats";

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const API_CALLS = 100;
const ENVIRONMENT = "bench";
const log = (line: string) => console.log(`bench:k8s: ${line}`);

const admin: Viewer = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "bench@bench.invalid",
  name: "bench",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, state: () => Promise<string>) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs / 1000} s: ${await state()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

async function main() {
  const startedAt = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-k8s-postgres-"));
  const [plane, postgres] = await Promise.all([startControlPlane(), startPostgres({ dataDir })]);
  log(`control plane and Postgres up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  try {
    await applyMigrations(postgres.url);
    process.env.DATABASE_URL = postgres.url;
    const db = getPrisma();
    const kubeConfig = loadKubeConfig({ KUBECONFIG: plane.kubeconfig });
    await kubeConfig.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: "bench" } } });
    const settings = { namespace: "bench", image: CRASH_LOOP_IMAGE.replace(/:crash-loop$/, "") };
    await db.environment.create({ data: { id: ENVIRONMENT, name: "bench cluster", driver: "kubernetes", settings } });
    const driver = createKubernetesDriver({
      environmentId: ENVIRONMENT,
      kubeConfig,
      settings: kubernetesSettingsOf(settings),
      secretKeys: PROCESSOR_SECRET_KEYS,
    });
    await driver.ready();
    const agent = await startDeploymentAgent({
      db,
      environmentId: ENVIRONMENT,
      driver,
      // its failures only: 300 rollouts would print 300 lines
      log: (line) => (/failed/.test(line) ? log(line) : undefined),
    });

    const targets = Array.from({ length: TENANTS }, (_, i) => `t${String(i).padStart(3, "0")}`).flatMap((tenant) =>
      STAGES.map((stage) => ({ tenant, stage })),
    );
    const rolloutStarted = Date.now();
    await db.deployment.createMany({
      data: targets.map((t) => ({
        environmentId: ENVIRONMENT,
        ...t,
        revision: 1,
        action: "deploy",
        version: "1.0.0",
        config: {},
        replicas: 1,
        state: "QUEUED" as const,
        reason: "bench",
        requestedBy: admin.email,
      })),
    });
    const healthyRows = () =>
      db.deploymentTargetState.count({ where: { environmentId: ENVIRONMENT, health: "Healthy" } });
    await waitUntil(
      async () => (await healthyRows()) === targets.length,
      Number(process.env.BENCH_TIMEOUT_S ?? 600) * 1000,
      async () => `${targets.length - (await healthyRows())} of ${targets.length} not Healthy`,
    );
    const healthyMs = Date.now() - rolloutStarted;
    log(`${targets.length} Deployments queued, applied by the agent and recorded Healthy in ${healthyMs / 1000} s`);

    // What each pod's processor would send (kwok runs no container): a heartbeat per pod, renewed
    // every 2 s, so the rollouts succeed and the API reads a heartbeat per instance as in production.
    const beatAt = new Date();
    const instances = await db.deploymentInstance.findMany({ where: { environmentId: ENVIRONMENT } });
    await db.processorHeartbeat.createMany({
      data: instances.map((i) => ({
        instanceId: i.instanceId,
        tenant: i.tenant,
        stage: i.stage,
        version: "1.0.0",
        pid: 1,
        host: i.instanceId,
        startedAt: i.startedAt ?? beatAt,
        lastBeatAt: beatAt,
        counts: {},
      })),
    });
    const beating = setInterval(
      () => void db.$executeRaw`UPDATE processor_heartbeats SET last_beat_at = now()`.catch(() => {}),
      2_000,
    );
    const victim = targets[Math.floor(targets.length / 2)]!;
    const victimRevision1 = () =>
      db.deployment.findFirstOrThrow({ where: { environmentId: ENVIRONMENT, ...victim, revision: 1 } });
    await waitUntil(
      async () => (await victimRevision1()).state === "SUCCEEDED",
      60_000,
      async () => JSON.stringify(await victimRevision1()),
    );

    const crashStarted = Date.now();
    await createDeployment(
      admin,
      { requestId: "bench", sourceAddress: "127.0.0.1" },
      { environment: ENVIRONMENT, ...victim, version: "crash-loop", replicas: 1, reason: "bench: a crashing revision" },
    );
    const shown = async () =>
      (await readTargets(db, ENVIRONMENT, [victim.tenant])).find((t) => t.stage === victim.stage)!.status;
    await waitUntil(
      async () => {
        const status = await shown();
        return status.health === "Degraded" && status.reason.includes("CrashLoopBackOff");
      },
      120_000,
      async () => JSON.stringify(await shown()),
    );
    const crashMs = Date.now() - crashStarted;
    log(`${victim.tenant}/${victim.stage} as the page shows it: ${(await shown()).reason}`);

    const latencies: number[] = [];
    let bytes = 0;
    for (let i = 0; i < API_CALLS; i++) {
      const started = performance.now();
      const body = JSON.stringify(await getEnvironmentStatus(admin, ENVIRONMENT));
      latencies.push(performance.now() - started);
      bytes = body.length;
    }
    const served = (await getEnvironmentStatus(admin, ENVIRONMENT)).targets.length;
    if (served !== targets.length) throw new Error(`the status API answered ${served} targets, not ${targets.length}`);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    log(
      `Deployments API (getEnvironmentStatus + JSON, ${served} targets, ${(bytes / 1024).toFixed(0)} KB): ${API_CALLS} calls, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    );

    clearInterval(beating);
    await agent.stop();
    log(
      `k8s: ${targets.length} Deployments rolled out and Healthy in ${(healthyMs / 1000).toFixed(1)} s; crash loop shown as Degraded (CrashLoopBackOff) through readTargets in ${(crashMs / 1000).toFixed(2)} s (target ≤ 5 s); Deployments API with ${served} targets p95 ${p95.toFixed(1)} ms (target ≤ 100 ms, p50 ${p50.toFixed(1)} ms, ${os.loadavg()[0]!.toFixed(1)} load on ${os.cpus().length} cores)`,
    );
  } finally {
    await disconnectPrisma();
    await Promise.allSettled([plane.stop(), postgres.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
