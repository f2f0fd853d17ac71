/**
 * Runs tenant jobs (provision, suspend, resume, offboard) in the background. Any number of console
 * replicas (or standalone workers) may run: a job is claimed with SKIP LOCKED and held by a lease
 * its worker renews; every write is conditional on still holding it (server/tenants/jobs/lease.ts).
 * A worker that dies (killed mid-step) stops renewing, and after `staleMs` another worker takes the
 * job over and continues from the first step not done — steps are idempotent, so the interrupted
 * one simply runs again (server/tenants/jobs/run-job.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { logLevel } from "kafkajs";
import { configValue } from "@/server/config/value";
import type { PrismaClient } from "@/server/db/generated/client";
import { createKafka } from "@/lib/kafka/client";
import type { JobContext } from "@/server/tenants/jobs/context";
import { claimTenantJob } from "@/server/tenants/jobs/lease";
import { runTenantJob, type JobRunner } from "@/server/tenants/jobs/run-job";
import { createStopSignal, runClaimLoop } from "@/server/lib/claim-loop";

export type TenantJobWorkerOptions = {
  db: PrismaClient;
  env: Record<string, string | undefined>;
  /** a job whose lease was not renewed for this long is taken over (default 30 s) */
  staleMs?: number;
  pollMs?: number;
  timeouts?: Partial<JobContext["timeouts"]>;
  log?: (line: string) => void;
};

export type TenantJobWorker = { owner: string; stop(): Promise<void> };

export function startTenantJobWorker(options: TenantJobWorkerOptions): TenantJobWorker {
  const { db, env } = options;
  const log = options.log ?? (() => {});
  const signal = createStopSignal();
  const runner: JobRunner = {
    db,
    env,
    log,
    signal,
    staleMs: options.staleMs ?? configValue("SYNCDECK_TENANT_JOB_STALE_MS", env),
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 100),
    timeouts: { connectorMs: 120_000, deploymentsMs: 240_000, groupsMs: 90_000, ...options.timeouts },
    kafka: createKafka({ ...env, KAFKA_CLIENT_ID: "syncdeck-tenant-jobs" }, { logLevel: logLevel.NOTHING }),
  };

  const loop = runClaimLoop(signal, {
    pollMs: options.pollMs ?? 1_000,
    onError: (error) => log(`tenant job worker: ${error instanceof Error ? error.message : String(error)}`),
    tick: async () => {
      const claimed = await claimTenantJob(db, runner.owner, runner.staleMs);
      if (claimed) await runTenantJob(runner, claimed);
      return claimed !== undefined;
    },
  });

  return {
    owner: runner.owner,
    async stop() {
      signal.stop();
      await loop;
    },
  };
}
