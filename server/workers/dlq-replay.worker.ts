/**
 * Runs replay jobs in the background, batch by batch (server/retries/replay-job.ts). Any console
 * replica may run a job: a job is claimed with SKIP LOCKED and kept by its heartbeat; one whose
 * heartbeat stopped (its replica died) is taken over.
 */
import "server-only";
import type { Kafka } from "kafkajs";
import pg from "pg";
import { createProducer } from "@/lib/kafka/client";
import { runReplayJob, type ReplayJobRow } from "@/server/retries/replay-job";

const STALE_AFTER = "30 seconds";
/**
 * The next job to run; with a cluster, only jobs of tenants whose environment's Kafka cluster it is
 * (the default one: tenants with no environment or an environment with no cluster).
 */
const CLAIM = `
  UPDATE dlq_replay_jobs SET status = 'running', heartbeat_at = now()
  WHERE id = (SELECT j.id FROM dlq_replay_jobs j
              WHERE (j.status = 'queued' OR (j.status = 'running' AND j.heartbeat_at < now() - interval '${STALE_AFTER}'))
                AND ($1::text IS NULL OR $1::text = (
                  SELECT coalesce(e.kafka_cluster_id, 'default') FROM tenants t
                  LEFT JOIN environments e ON e.id = t.environment_id WHERE t.slug = j.tenant))
              ORDER BY j.created_at LIMIT 1 FOR UPDATE OF j SKIP LOCKED)
  RETURNING id, tenant, target, selection, rate_per_sec, cursor::text, done, skipped, created_by`;

export type RunningReplayWorker = { runOnce(): Promise<boolean>; stop(): Promise<void> };

export function startReplayWorker(deps: {
  kafka: Kafka;
  databaseUrl: string;
  pollMs?: number;
  /** only the jobs of tenants on this Kafka cluster (the one `kafka` reaches); absent: every job */
  cluster?: string;
}): RunningReplayWorker {
  const pool = new pg.Pool({ connectionString: deps.databaseUrl, max: 3 });
  pool.on("error", () => undefined);
  const producer = createProducer(deps.kafka, { idempotent: false });
  let connected: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<boolean> {
    const { rows } = await pool.query<ReplayJobRow>(CLAIM, [deps.cluster ?? null]);
    const job = rows[0];
    if (!job) return false;
    connected ??= producer.connect().catch((error: unknown) => {
      connected = null;
      throw error;
    });
    await connected;
    await runReplayJob({ pool, producer }, job);
    return true;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch(() => false)
        .finally(schedule);
    }, deps.pollMs ?? 1_000);
    timer.unref();
  };
  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
