/**
 * The processors' side of tenant jobs: a new deployment revision per stage, created once per job
 * (the job id in the reason is the idempotency key: a job resumed after a crash, or retried after a
 * timeout, adopts the revision it made before unless that one FAILED or was CANCELED), then waited
 * for until the environment's agent reports it SUCCEEDED.
 * Takes the same per-target lock (target-lock.ts) and keeps the same one-in-flight rule as the deployment API.
 */
import { STAGES } from "@/lib/contract/topics";
import { IN_FLIGHT_STATES } from "../../deployments/lifecycle";
import { lockTarget } from "../../deployments/target-lock";
import type { JobContext } from "./context";
import { waitFor } from "./context";

type Change = {
  action: "deploy" | "stop" | "scale";
  replicas: (last: { replicas: number } | null, lastRunning: { replicas: number } | null) => number;
};

export const LOCAL_ENVIRONMENT_DEFAULT = "local";

export function environmentOf(ctx: JobContext): string {
  return ctx.tenant.environmentId ?? LOCAL_ENVIRONMENT_DEFAULT;
}

const jobPrefix = (ctx: JobContext) => `tenant job ${ctx.job.id}/`;
const jobTag = (ctx: JobContext) => `${jobPrefix(ctx)}${ctx.job.attempt} (`;
const DEAD_STATES = ["FAILED", "CANCELED"];

/** This job's latest revision of the target, if it can still succeed. */
async function adoptable(
  db: Pick<JobContext["db"], "deployment">,
  ctx: JobContext,
  target: { environmentId: string; tenant: string; stage: string },
) {
  const mine = await db.deployment.findFirst({
    where: { ...target, reason: { startsWith: jobPrefix(ctx) } },
    orderBy: { revision: "desc" },
  });
  return mine && !DEAD_STATES.includes(mine.state) ? mine : null;
}

/** One revision per stage for this job (made now unless made before); returns their ids. */
async function ensureRevisions(
  ctx: JobContext,
  change: Change,
  tenant: string,
): Promise<Array<{ id: string; stage: string; revision: number; created: boolean }>> {
  const environmentId = environmentOf(ctx);
  const made: Array<{ id: string; stage: string; revision: number; created: boolean }> = [];
  for (const stage of STAGES) {
    const target = { environmentId, tenant, stage };
    const existing = await adoptable(ctx.db, ctx, target);
    if (existing) {
      made.push({ id: existing.id, stage, revision: existing.revision, created: false });
      continue;
    }
    // another revision of the target still in flight (e.g. an operator's scale): wait for it
    await waitFor(
      ctx,
      ctx.timeouts.deploymentsMs,
      async () =>
        (await ctx.db.deployment.count({ where: { ...target, state: { in: [...IN_FLIGHT_STATES] } } })) === 0
          ? true
          : undefined,
      () => `${stage} of ${tenant} still has a deployment in flight`,
    );
    const created = await ctx.db.$transaction(async (tx) => {
      await lockTarget(tx, target);
      const again = await adoptable(tx, ctx, target);
      if (again) return { ...again, fresh: false };
      const [last, lastRunning] = await Promise.all([
        tx.deployment.findFirst({ where: target, orderBy: { revision: "desc" } }),
        tx.deployment.findFirst({
          where: { ...target, replicas: { gt: 0 }, state: "SUCCEEDED" },
          orderBy: { revision: "desc" },
        }),
      ]);
      const row = await tx.deployment.create({
        data: {
          ...target,
          revision: (last?.revision ?? 0) + 1,
          action: change.action,
          version: last?.version ?? ctx.env.npm_package_version ?? "dev",
          config: (last?.config as object | undefined) ?? {},
          replicas: change.replicas(last, lastRunning),
          // the tenant's approval (or an admin's suspend/resume/offboard) is the approval
          state: "QUEUED",
          approvedBy: ctx.job.requestedBy,
          reason: `${jobTag(ctx)}${ctx.job.kind})`,
          requestedById: ctx.job.requestedById,
          requestedBy: ctx.job.requestedBy,
          message: "queued for the environment's agent",
        },
      });
      return { ...row, fresh: true };
    });
    made.push({ id: created.id, stage, revision: created.revision, created: created.fresh });
  }
  return made;
}

async function awaitSucceeded(ctx: JobContext, ids: string[]): Promise<void> {
  await waitFor(
    ctx,
    ctx.timeouts.deploymentsMs,
    async () => {
      const rows = await ctx.db.deployment.findMany({ where: { id: { in: ids } } });
      const broken = rows.find((d) => d.state === "FAILED" || d.state === "CANCELED");
      if (broken)
        throw new Error(
          `${broken.stage} revision ${broken.revision} ${broken.state}: ${broken.message ?? "no reason given"}`,
        );
      return rows.every((d) => d.state === "SUCCEEDED") ? true : undefined;
    },
    async () => {
      const rows = await ctx.db.deployment.findMany({ where: { id: { in: ids }, state: { not: "SUCCEEDED" } } });
      const environment = await ctx.db.environment.findUnique({ where: { id: environmentOf(ctx) } });
      const agent = environment?.agentSeenAt
        ? `agent last seen ${environment.agentSeenAt.toISOString()}`
        : "its agent has never reported";
      return `${rows.map((d) => `${d.stage} ${d.state}${d.message ? ` (${d.message})` : ""}`).join("; ")} — environment ${environmentOf(ctx)}: ${agent}`;
    },
  );
}

/** A revision per stage of `target` (the tenant's own, or a pool's), then waits until all succeeded. */
export async function roll(ctx: JobContext, change: Change, verb: string, target = ctx.tenant.slug): Promise<string> {
  const revisions = await ensureRevisions(ctx, change, target);
  await awaitSucceeded(
    ctx,
    revisions.map((r) => r.id),
  );
  const fresh = revisions.filter((r) => r.created).length;
  const of = target === ctx.tenant.slug ? "" : ` of ${target}`;
  return `${verb}${of} ${revisions.map((r) => `${r.stage} (revision ${r.revision})`).join(", ")} in ${environmentOf(ctx)}${fresh < revisions.length ? `; ${revisions.length - fresh} made by an earlier run` : ""}`;
}

export const DEPLOY: Change = { action: "deploy", replicas: (last) => (last && last.replicas > 0 ? last.replicas : 1) };
export const deployDedicated = (ctx: JobContext) => roll(ctx, DEPLOY, "deployed");
export const stopDedicated = (ctx: JobContext) => roll(ctx, { action: "stop", replicas: () => 0 }, "stopped");
export const startDedicated = (ctx: JobContext) =>
  roll(ctx, { action: "scale", replicas: (_last, lastRunning) => lastRunning?.replicas ?? 1 }, "started");

/** Whether `target` (by default the tenant's own) has any deployment in the tenant's environment. */
export async function hasDeployments(ctx: JobContext, target = ctx.tenant.slug): Promise<boolean> {
  return (await ctx.db.deployment.count({ where: { environmentId: environmentOf(ctx), tenant: target } })) > 0;
}
