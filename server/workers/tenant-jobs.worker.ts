/**
 * Runs tenant jobs (provision, suspend, resume, offboard) in the background. Any number of console
 * replicas (or standalone workers) may run: a job is claimed with SKIP LOCKED and held by a lease
 * its worker renews; every write is conditional on still holding it. A worker that dies (killed
 * mid-step) stops renewing, and after `staleMs` another worker takes the job over and continues
 * from the first step not done — steps are idempotent, so the interrupted one simply runs again.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { logLevel } from "kafkajs";
import { connectClientFromEnv } from "@/server/connect/connect-client";
import { configValue } from "@/server/config/value";
import type { PrismaClient } from "@/server/db/generated/client";
import { createKafka } from "@/lib/kafka/client";
import { failStep, finishStep, initialSteps, nextStep, startStep, type JobStep } from "@/server/tenants/job-steps";
import { statusAfterJob, type JobKind } from "@/server/tenants/lifecycle";
import type { JobContext, StepRun } from "@/server/tenants/jobs/context";
import { OFFBOARD_STEPS, RESUME_STEPS, SUSPEND_STEPS } from "@/server/tenants/jobs/lifecycle-steps";
import { PROVISION_STEPS } from "@/server/tenants/jobs/provision-steps";
import { guardAdmin } from "@/lib/kafka/metadata-guard";
import { createStopSignal, runClaimLoop } from "@/server/lib/claim-loop";

const RUNNERS: Record<JobKind, Record<string, StepRun>> = { provision: PROVISION_STEPS, suspend: SUSPEND_STEPS, resume: RESUME_STEPS, offboard: OFFBOARD_STEPS };

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

class LeaseLost extends Error {}

const SYSTEM_ROLE = "tenant job";
const DONE_EVENT: Record<JobKind, string> = { provision: "provisioned", suspend: "suspended", resume: "resumed", offboard: "offboarded" };

export function startTenantJobWorker(options: TenantJobWorkerOptions): TenantJobWorker {
  const { db, env } = options;
  const log = options.log ?? (() => {});
  const staleMs = options.staleMs ?? configValue("SYNCDECK_TENANT_JOB_STALE_MS", env);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 100);
  const timeouts = { connectorMs: 120_000, deploymentsMs: 240_000, groupsMs: 90_000, ...options.timeouts };
  const kafka = createKafka({ ...env, KAFKA_CLIENT_ID: "syncdeck-tenant-jobs" }, { logLevel: logLevel.NOTHING });
  const signal = createStopSignal();

  /** The oldest job that is queued or whose worker stopped renewing its lease; `was` tells which. */
  const claim = async (): Promise<{ id: string; was: string; previousOwner: string | null } | undefined> => {
    const rows = await db.$queryRaw<Array<{ id: string; was: string; previousOwner: string | null }>>`
      WITH picked AS (
        SELECT id, status, lease_owner FROM tenant_jobs
        WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}))
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      UPDATE tenant_jobs t SET status = 'running', heartbeat_at = now(), lease_owner = ${owner}
      FROM picked WHERE t.id = picked.id
      RETURNING t.id::text AS id, picked.status AS was, picked.lease_owner AS "previousOwner"`;
    return rows[0];
  };

  /** Jobs act for whoever started them (the approver, the admin who suspended); the role says a job did it. */
  const audit = (job: { id: string; requestedBy: string; requestedById: string | null }, tenantId: string, action: string, target: string, after: object, writer: Pick<PrismaClient, "auditEvent"> = db) =>
    writer.auditEvent.create({
      data: { actorId: job.requestedById, actorEmail: job.requestedBy, actorRole: SYSTEM_ROLE, tenantId, action, target, after, requestId: job.id, sourceAddress: owner.slice(0, 64) },
    });

  async function run({ id: jobId, was, previousOwner }: { id: string; was: string; previousOwner: string | null }): Promise<void> {
    const job = await db.tenantJob.findUniqueOrThrow({ where: { id: jobId } });
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: job.tenantId } });
    const kind = job.kind as JobKind;
    let steps = (job.steps as JobStep[] | null) ?? initialSteps(kind);
    let lost = false;
    // Before the lease renewal starts: a misconfigured Connect URL or credentials throws here.
    const connect = connectClientFromEnv({ ...env, KAFKA_CONNECT_URL: env.KAFKA_CONNECT_URL ?? "http://127.0.0.1:8083" });
    const save = async (data: { steps?: JobStep[] }) => {
      const saved = await db.tenantJob.updateMany({ where: { id: jobId, leaseOwner: owner }, data: { ...data, heartbeatAt: new Date() } });
      if (saved.count !== 1) throw new LeaseLost(`job ${jobId} was taken over`);
    };
    const renew = setInterval(() => {
      save({}).catch(() => (lost = true));
    }, Math.max(250, staleMs / 3));
    const ctx: JobContext = {
      db, env, tenant, log, timeouts,
      admin: guardAdmin(kafka.admin()),
      connect,
      job: { id: job.id, kind, attempt: job.attempt, requestedBy: job.requestedBy, requestedById: job.requestedById },
      wait: async (ms) => {
        await signal.sleep(ms);
        if (lost) throw new LeaseLost(`job ${jobId} was taken over`);
        if (signal.stopped) throw new LeaseLost("the worker is stopping");
      },
    };
    const target = `tenant:${tenant.slug}`;
    try {
      await ctx.admin.connect();
      if (was === "running") {
        const message = `${owner} took the ${kind} job over: ${previousOwner ?? "its worker"} stopped renewing its lease; continuing from "${nextStep(steps)?.label ?? "the end"}"`;
        await db.tenantEvent.create({ data: { tenantId: tenant.id, actor: job.requestedBy, kind: "taken_over", message: message.slice(0, 1000) } });
      } else if (kind === "provision") {
        await db.$transaction([
          db.tenant.update({ where: { id: tenant.id }, data: { status: "PROVISIONING" } }),
          db.tenantEvent.create({ data: { tenantId: tenant.id, actor: job.requestedBy, kind: "provisioning", message: `provisioning started (attempt ${job.attempt})` } }),
        ]);
      }
      for (let step = nextStep(steps); step; step = nextStep(steps)) {
        steps = startStep(steps, step.key, new Date());
        await save({ steps });
        log(`${tenant.slug} ${kind}: ${step.key}`);
        const runner = RUNNERS[kind][step.key];
        if (!runner) throw new Error(`no runner for step ${step.key} of ${kind}`);
        let detail: string;
        try {
          detail = await runner(ctx);
        } catch (error) {
          if (error instanceof LeaseLost) throw error;
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
          steps = failStep(steps, step.key, new Date(), message);
          await finish("failed", `${step.label}: ${message}`);
          return;
        }
        steps = finishStep(steps, step.key, new Date(), detail.slice(0, 1000));
        await save({ steps });
        await audit(job, tenant.id, `tenant.${kind}.step`, target, { step: step.key, detail });
      }
      await finish("succeeded", null);
    } catch (error) {
      if (!(error instanceof LeaseLost)) {
        // outside a step (Kafka unreachable at the start, the database failing between steps): fail
        // the job with the reason rather than let it be taken over again and again; retry resumes it
        const message = error instanceof Error ? error.message : String(error);
        await finish("failed", `before "${nextStep(steps)?.label ?? "the end"}": ${message}`.slice(0, 2000)).catch(() => undefined);
        throw error;
      }
      log(`${tenant.slug} ${kind}: ${error.message}`);
      // stopping on purpose: hand the job over at once instead of after the lease runs out
      if (signal.stopped) await db.tenantJob.updateMany({ where: { id: jobId, leaseOwner: owner }, data: { heartbeatAt: new Date(0), leaseOwner: null } });
    } finally {
      clearInterval(renew);
      await ctx.admin.disconnect().catch(() => undefined);
    }

    async function finish(outcome: "succeeded" | "failed", error: string | null) {
      const status = statusAfterJob(kind, outcome);
      await db.$transaction(async (tx) => {
        const done = await tx.tenantJob.updateMany({
          where: { id: jobId, leaseOwner: owner },
          data: { steps, status: outcome, error, finishedAt: new Date(), leaseOwner: null },
        });
        if (done.count !== 1) throw new LeaseLost(`job ${jobId} was taken over`);
        if (status) await tx.tenant.update({ where: { id: tenant.id }, data: { status } });
        const message = outcome === "succeeded" ? `${kind} done${status ? `: the tenant is ${status}` : ""}` : `${kind} failed at ${error}`;
        await tx.tenantEvent.create({ data: { tenantId: tenant.id, actor: job.requestedBy, kind: outcome === "succeeded" ? DONE_EVENT[kind] : `${kind}_failed`, message: message.slice(0, 1000) } });
        await audit(job, tenant.id, `tenant.${kind}.${outcome}`, target, { status: status ?? tenant.status, error }, tx);
      });
      log(`${tenant.slug} ${kind} ${outcome}${error ? `: ${error}` : ""}`);
    }
  }

  const loop = runClaimLoop(signal, {
    pollMs: options.pollMs ?? 1_000,
    onError: (error) => log(`tenant job worker: ${error instanceof Error ? error.message : String(error)}`),
    tick: async () => {
      const claimed = await claim();
      if (claimed) await run(claimed);
      return claimed !== undefined;
    },
  });

  return {
    owner,
    async stop() {
      signal.stop();
      await loop;
    },
  };
}
