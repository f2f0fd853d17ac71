/**
 * The background workers, in one place: what each does, the switch that turns it off, and how it
 * starts and stops. The console starts them in its own process (`syncdeck console --with-workers`,
 * the demo) and `syncdeck worker` in a process of their own; either way each is safe to run in
 * several replicas (the lag sampler is leader-elected per database, DLQ indexing and replays and
 * tenant jobs and reconciliation runs are claimed row by row), and a stop waits for every worker to finish what it holds.
 */
import { startConsoleDlqWork } from "@/server/dlq/console-indexer";
import { startConsoleLagSampler } from "@/server/lag/console-sampler";
import { startConsoleReconcileWorker } from "@/server/reconcile/console-worker";
import { startConsoleTenantJobs } from "@/server/tenants/jobs/console-worker";

export type RunningWorker = { stop(): Promise<void> };
type Env = Readonly<Record<string, string | undefined>>;

export type WorkerDefinition = {
  name: string;
  what: string;
  /** `off` in this variable disables the worker in every process */
  switchVariable: string;
  start(env: NodeJS.ProcessEnv): RunningWorker;
};

export const WORKERS: readonly WorkerDefinition[] = [
  { name: "lag", what: "lag sampler (one leader), alert evaluation and webhook delivery", switchVariable: "SYNCDECK_LAG_SAMPLER", start: startConsoleLagSampler },
  { name: "dlq", what: "DLQ indexer and DLQ replay jobs", switchVariable: "SYNCDECK_DLQ_INDEXER", start: startConsoleDlqWork },
  { name: "tenant-jobs", what: "tenant provisioning, suspend, resume and offboard jobs", switchVariable: "SYNCDECK_TENANT_JOBS", start: startConsoleTenantJobs },
  { name: "reconcile", what: "reconciliation runs (asked for and scheduled) and their drift alerts", switchVariable: "SYNCDECK_RECONCILE_WORKER", start: startConsoleReconcileWorker },
];

export const WORKER_NAMES = WORKERS.map((w) => w.name);

/** What a process lacks to run workers at all, in words; null when it has it. */
export function missingWorkerConfiguration(env: Env): string | null {
  if (!env.DATABASE_URL) return "DATABASE_URL is not set";
  if (!env.KAFKA_BROKERS) return "KAFKA_BROKERS is not set";
  return null;
}

/** The workers to run: `only` (all when empty), less those switched off in the environment. Pure. */
export function chooseWorkers(env: Env, only: readonly string[] = []): { run: WorkerDefinition[]; off: WorkerDefinition[] } {
  const wanted = WORKERS.filter((w) => only.length === 0 || only.includes(w.name));
  return { run: wanted.filter((w) => env[w.switchVariable] !== "off"), off: wanted.filter((w) => env[w.switchVariable] === "off") };
}

export function startWorkers(env: NodeJS.ProcessEnv, workers: readonly WorkerDefinition[]): { stop(): Promise<void> } {
  const running = workers.map((w) => ({ name: w.name, worker: w.start(env) }));
  return {
    async stop() {
      const results = await Promise.allSettled(running.map((r) => r.worker.stop()));
      const failed = results.flatMap((r, i) => (r.status === "rejected" ? [`${running[i]!.name}: ${String(r.reason)}`] : []));
      if (failed.length) throw new Error(`workers failed to stop: ${failed.join("; ")}`);
    },
  };
}
