/**
 * Runs one claimed tenant job to its end: its steps in order from the first not done, each saved
 * (and the lease renewed) before and after it runs, each done step audited. A step that fails
 * fails the job with the step and the reason; a failure between steps fails it with where it
 * stopped, rather than let it be taken over again and again (a retry resumes it). A lost lease ends
 * the run without another write; a worker stopping on purpose hands the job over at once.
 */
import "server-only";
import { logLevel, type Kafka } from "kafkajs";
import { createKafka } from "@/lib/kafka/client";
import { environmentEnv } from "@/server/clusters/environment-env";
import { connectClientFromEnv } from "@/server/connect/connect-client";
import type { PrismaClient } from "@/server/db/generated/client";
import type { StopSignal } from "@/server/lib/claim-loop";
import { guardAdmin } from "@/lib/kafka/metadata-guard";
import { failStep, finishStep, initialSteps, nextStep, startStep, type JobStep } from "../job-steps";
import type { JobKind } from "../lifecycle";
import type { JobContext, StepRun } from "./context";
import { auditJob, finishJob, recordJobStart, type JobRun } from "./job-record";
import { handOverJob, LeaseLost, saveHeldJob, type ClaimedJob } from "./lease";
import { OFFBOARD_STEPS, RESUME_STEPS, SUSPEND_STEPS } from "./lifecycle-steps";
import { PROVISION_STEPS } from "./provision-steps";

const RUNNERS: Record<JobKind, Record<string, StepRun>> = {
  provision: PROVISION_STEPS,
  suspend: SUSPEND_STEPS,
  resume: RESUME_STEPS,
  offboard: OFFBOARD_STEPS,
};

/** What a worker runs jobs with. */
export type JobRunner = {
  db: PrismaClient;
  env: Record<string, string | undefined>;
  kafka: Kafka;
  owner: string;
  staleMs: number;
  timeouts: JobContext["timeouts"];
  signal: StopSignal;
  log(line: string): void;
};

export async function runTenantJob(runner: JobRunner, claimed: ClaimedJob): Promise<void> {
  const { db, env, owner, signal, log } = runner;
  const job = await db.tenantJob.findUniqueOrThrow({ where: { id: claimed.id } });
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: job.tenantId } });
  const kind = job.kind as JobKind;
  const run: JobRun = { job, tenant, kind, owner };
  const progress = { steps: (job.steps as JobStep[] | null) ?? initialSteps(kind) };
  let lost = false;
  // The tenant's environment's Kafka cluster and its Connect (the process's own for the default
  // cluster); a cluster that cannot be used fails the job below with the reason.
  const target = await environmentEnv(db, tenant.environmentId, env).then(
    (resolved) => ({ ...resolved, problem: resolved.connectProblem ? new Error(resolved.connectProblem) : null }),
    (error: unknown) => ({ cluster: "default", env, problem: error }),
  );
  const jobEnv = target.env;
  const kafka =
    jobEnv === env
      ? runner.kafka
      : createKafka({ ...jobEnv, KAFKA_CLIENT_ID: "syncdeck-tenant-jobs" }, { logLevel: logLevel.NOTHING });
  // Before the lease renewal starts: a misconfigured Connect URL or credentials throws here.
  const connect = connectClientFromEnv({
    ...jobEnv,
    KAFKA_CONNECT_URL: jobEnv.KAFKA_CONNECT_URL ?? "http://127.0.0.1:8083",
  });
  const renew = setInterval(
    () => {
      saveHeldJob(db, job.id, owner, {}).catch(() => (lost = true));
    },
    Math.max(250, runner.staleMs / 3),
  );
  const ctx: JobContext = {
    db,
    env: jobEnv,
    tenant,
    log,
    timeouts: runner.timeouts,
    admin: guardAdmin(() => kafka.admin()),
    connect,
    job: { id: job.id, kind, attempt: job.attempt, requestedBy: job.requestedBy, requestedById: job.requestedById },
    wait: async (ms) => {
      await signal.sleep(ms);
      if (lost) throw new LeaseLost(`job ${job.id} was taken over`);
      if (signal.stopped) throw new LeaseLost("the worker is stopping");
    },
  };
  const finish = async (outcome: "succeeded" | "failed", error: string | null) => {
    await finishJob(db, run, progress.steps, outcome, error);
    log(`${tenant.slug} ${kind} ${outcome}${error ? `: ${error}` : ""}`);
  };
  try {
    if (target.problem) throw target.problem;
    await ctx.admin.connect();
    await recordJobStart(db, run, claimed, nextStep(progress.steps)?.label ?? "the end");
    const failed = await runSteps(ctx, run, progress);
    await finish(failed ? "failed" : "succeeded", failed);
  } catch (error) {
    if (!(error instanceof LeaseLost)) {
      // outside a step (Kafka unreachable at the start, the database failing between steps)
      const message = error instanceof Error ? error.message : String(error);
      await finish(
        "failed",
        `before "${nextStep(progress.steps)?.label ?? "the end"}": ${message}`.slice(0, 2000),
      ).catch(() => undefined);
      throw error;
    }
    log(`${tenant.slug} ${kind}: ${error.message}`);
    if (signal.stopped) await handOverJob(db, job.id, owner);
  } finally {
    clearInterval(renew);
    await ctx.admin.disconnect().catch(() => undefined);
  }
}

/** Runs the steps not done yet, in order; returns null when all are done, else what failed (`<step>: <reason>`). */
async function runSteps(ctx: JobContext, run: JobRun, progress: { steps: JobStep[] }): Promise<string | null> {
  const { kind, owner } = run;
  const save = () => saveHeldJob(ctx.db, run.job.id, owner, { steps: progress.steps });
  for (let step = nextStep(progress.steps); step; step = nextStep(progress.steps)) {
    progress.steps = startStep(progress.steps, step.key, new Date());
    await save();
    ctx.log(`${ctx.tenant.slug} ${kind}: ${step.key}`);
    const runner = RUNNERS[kind][step.key];
    if (!runner) throw new Error(`no runner for step ${step.key} of ${kind}`);
    let detail: string;
    try {
      detail = await runner(ctx);
    } catch (error) {
      if (error instanceof LeaseLost) throw error;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      progress.steps = failStep(progress.steps, step.key, new Date(), message);
      return `${step.label}: ${message}`;
    }
    progress.steps = finishStep(progress.steps, step.key, new Date(), detail.slice(0, 1000));
    await save();
    await auditJob(run, `tenant.${kind}.step`, { step: step.key, detail }, ctx.db);
  }
  return null;
}
