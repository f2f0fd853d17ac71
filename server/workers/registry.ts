/**
 * The background workers, in one place: what each does, the switch that turns it off, and how it
 * starts and stops. The console starts them in its own process (`syncdeck console --with-workers`,
 * the demo) and `syncdeck worker` in a process of their own; either way each is safe to run in
 * several replicas (the lag sampler is leader-elected per database, DLQ indexing and replays and
 * tenant jobs and reconciliation runs are claimed row by row), and a stop waits for every worker to finish what it holds.
 * Each worker's loop is a `*.worker.ts` beside this file; its domain work (decisions, queries) lives in its domain folder.
 */
import "server-only";
import { logLevel } from "kafkajs";
import { createKafka, getSharedAdmin } from "@/lib/kafka/client";
import { processLogger } from "@/lib/log/logger";
import { evaluateAlerts, newAlertMemory } from "@/server/alerts/evaluate-alerts";
import { createClusterClients, listWatchedClusters } from "@/server/clusters/cluster-clients";
import { configValue } from "@/server/config/value";
import { getPrisma } from "@/server/db/client";
import { readTopicEndOffsets } from "@/server/lag/offset-snapshot";
import { startDlqPerCluster } from "./dlq-clusters";
import { startLagSampler } from "./lag-sampler.worker";
import { startReconcileWorker } from "./reconcile.worker";
import { startTenantJobWorker } from "./tenant-jobs.worker";
import { startTenantMoveWorker } from "./tenant-moves.worker";
import { startWebhookDelivery } from "./webhook-delivery.worker";

export type RunningWorker = { stop(): Promise<void> };
type Env = Readonly<Record<string, string | undefined>>;

export type WorkerDefinition = {
  name: string;
  what: string;
  /** `off` in this variable disables the worker in every process */
  switchVariable: string;
  start(env: NodeJS.ProcessEnv): RunningWorker;
};

/**
 * The lag sampler (one leader, see ./lag-sampler.worker.ts) of every Kafka cluster; the leader
 * also evaluates alert rules after each sample and sends due webhook notifications.
 */
function startLagWork(env: NodeJS.ProcessEnv): RunningWorker {
  const db = getPrisma();
  const logger = processLogger().child({ worker: "lag" });
  const alertMemory = newAlertMemory();
  const intervalMs = configValue("SYNCDECK_LAG_INTERVAL_MS", env);
  const clients = lagSamplerClients(env);
  const sampler = startLagSampler({
    databaseUrl: env.DATABASE_URL!,
    db,
    clusters: async () =>
      (await listWatchedClusters(db)).map((cluster) => ({
        id: cluster.id,
        getAdmin: () => clients.admin(cluster),
        reset: () => clients.drop(cluster.id),
      })),
    intervalMs,
    log: (line, level = "info") => logger[level](line),
    afterSample: async (sample) => {
      await evaluateAlerts(db, alertMemory, sample, {
        consoleUrl: env.NEXTAUTH_URL,
        readEndOffsets: async (topic) => readTopicEndOffsets(await sample.getAdmin(), topic),
      });
    },
  });
  const deliveries = startWebhookDelivery({
    db,
    secret: env.SYNCDECK_WEBHOOK_SECRET,
    everyMs: Math.min(intervalMs, 5_000),
    isLeader: () => sampler.isLeader(),
    logger,
  });
  return {
    async stop() {
      deliveries.stop();
      await sampler.stop();
      await clients.disconnectAll();
    },
  };
}

/**
 * The sampler's own clients, one per cluster: a cluster that is gone fails within seconds
 * (short connection and request timeouts, two retries) instead of kafkajs' half a minute, and its
 * reconnect attempts are not logged on every sample (the sampler logs the failure once per sample).
 */
export function lagSamplerClients(env: NodeJS.ProcessEnv) {
  return createClusterClients(env, {
    connectionTimeout: 3_000,
    requestTimeout: 15_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
  });
}

/** The DLQ indexer and the replay worker (see their files for why several replicas are safe). */
/** An indexer and a replay worker per Kafka cluster (dlq-clusters.ts). */
function startDlqWork(env: NodeJS.ProcessEnv): RunningWorker {
  const logger = processLogger().child({ worker: "dlq" });
  return startDlqPerCluster({
    db: getPrisma(),
    env,
    databaseUrl: env.DATABASE_URL!,
    createKafka: (kafkaEnv) => createKafka({ ...kafkaEnv, KAFKA_CLIENT_ID: "syncdeck-dlq" }),
    log: (line, level = "info") => logger[level](line),
  });
}

function startTenantJobWork(env: NodeJS.ProcessEnv): RunningWorker {
  const logger = processLogger().child({ worker: "tenant-jobs" });
  const worker = startTenantJobWorker({ db: getPrisma(), env, log: (line) => logger.info(line) });
  return { stop: () => worker.stop() };
}

function startReconcileWork(env: NodeJS.ProcessEnv): RunningWorker {
  const logger = processLogger().child({ worker: "reconcile" });
  const worker = startReconcileWorker({ db: getPrisma(), env, log: (line) => logger.info(line) });
  return { stop: () => worker.stop() };
}

/** Follows tenant moves between a pool and dedicated processors (one step write at a time, see the worker). */
function startTenantMoveWork(env: NodeJS.ProcessEnv): RunningWorker {
  const logger = processLogger().child({ worker: "tenant-moves" });
  const worker = startTenantMoveWorker({
    db: getPrisma(),
    admin: () => getSharedAdmin(env),
    log: (line) => logger.info(line),
  });
  return { stop: () => worker.stop() };
}

export const WORKERS: readonly WorkerDefinition[] = [
  {
    name: "lag",
    what: "lag sampler (one leader), alert evaluation and webhook delivery",
    switchVariable: "SYNCDECK_LAG_SAMPLER",
    start: startLagWork,
  },
  { name: "dlq", what: "DLQ indexer and DLQ replay jobs", switchVariable: "SYNCDECK_DLQ_INDEXER", start: startDlqWork },
  {
    name: "tenant-jobs",
    what: "tenant provisioning, suspend, resume and offboard jobs",
    switchVariable: "SYNCDECK_TENANT_JOBS",
    start: startTenantJobWork,
  },
  {
    name: "reconcile",
    what: "reconciliation runs (asked for and scheduled) and their drift alerts",
    switchVariable: "SYNCDECK_RECONCILE_WORKER",
    start: startReconcileWork,
  },
  {
    name: "tenant-moves",
    what: "tenant moves between a pool and dedicated processors, step by step",
    switchVariable: "SYNCDECK_TENANT_MOVES",
    start: startTenantMoveWork,
  },
];

export const WORKER_NAMES = WORKERS.map((w) => w.name);

/** What a process lacks to run workers at all, in words; null when it has it. */
export function missingWorkerConfiguration(env: Env): string | null {
  if (!env.DATABASE_URL) return "DATABASE_URL is not set";
  if (!env.KAFKA_BROKERS) return "KAFKA_BROKERS is not set";
  return null;
}

/** The workers to run: `only` (all when empty), less those switched off in the environment. Pure. */
export function chooseWorkers(
  env: Env,
  only: readonly string[] = [],
): { run: WorkerDefinition[]; off: WorkerDefinition[] } {
  const wanted = WORKERS.filter((w) => only.length === 0 || only.includes(w.name));
  return {
    run: wanted.filter((w) => env[w.switchVariable] !== "off"),
    off: wanted.filter((w) => env[w.switchVariable] === "off"),
  };
}

export function startWorkers(env: NodeJS.ProcessEnv, workers: readonly WorkerDefinition[]): { stop(): Promise<void> } {
  const running = workers.map((w) => ({ name: w.name, worker: w.start(env) }));
  return {
    async stop() {
      const results = await Promise.allSettled(running.map((r) => r.worker.stop()));
      const failed = results.flatMap((r, i) =>
        r.status === "rejected" ? [`${running[i]!.name}: ${String(r.reason)}`] : [],
      );
      if (failed.length) throw new Error(`workers failed to stop: ${failed.join("; ")}`);
    },
  };
}
