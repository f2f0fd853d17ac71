/**
 * A tenant job's processor steps, for both placements. A dedicated tenant's processors are
 * deployments of its own (deploy-targets.ts). A pooled tenant has none: its pool serves it while it
 * is placed there with `processorsRunning` set (lib/contract/placement.ts poolMembersWhere), so
 * joining, stopping and starting are those two fields, and the step waits until the broker shows
 * the pool consuming in (or gone from) the tenant's groups — what the lag page will show too.
 *
 * Provisioning chooses the placement here, in its deployments step, because only now do the
 * tenant's topics exist (a pool cannot consume topics that are not there): the onboarding rule
 * (placement-plan.ts) applied to the tenant's planned rate, unless a placement is already set (an
 * earlier run, an operator) or dedicated deployments were made by an earlier run.
 */
import "server-only";
import { DEDICATED, isPoolName } from "@/lib/contract/placement";
import { STAGES, consumerGroup } from "@/lib/contract/topics";
import { retryRetriable } from "@/lib/kafka/client";
import { planPartitions } from "../partitions";
import { planPlacement } from "../placement-plan";
import { placementRule } from "../placement-rule";
import type { JobContext, StepRun } from "./context";
import { waitFor } from "./context";
import { DEPLOY, deployDedicated, hasDeployments, roll, startDedicated, stopDedicated } from "./deploy-targets";

async function chosenPlacement(ctx: JobContext): Promise<{ placement: string; why: string }> {
  if (ctx.tenant.placement !== DEDICATED) return { placement: ctx.tenant.placement, why: "placed before" };
  if (await hasDeployments(ctx)) return { placement: DEDICATED, why: "deployed dedicated before" };
  const plan = planPlacement(planPartitions(ctx.tenant).plannedPerSecond, placementRule(ctx.env));
  return { placement: plan.placement, why: plan.explanation };
}

/** Members per stage group of the tenant, as the broker reports them. */
async function groupMembers(ctx: JobContext): Promise<Map<string, number>> {
  const ids = STAGES.map((stage) => consumerGroup(ctx.tenant.slug, stage));
  const { groups } = await retryRetriable(() => ctx.admin.describeGroups(ids));
  return new Map(groups.map((g) => [g.groupId, g.members.length]));
}

async function awaitGroups(ctx: JobContext, pool: string, consuming: boolean): Promise<void> {
  const settled = (members: Map<string, number>) =>
    STAGES.every((stage) => (members.get(consumerGroup(ctx.tenant.slug, stage)) ?? 0) > 0 === consuming);
  await waitFor(
    ctx,
    ctx.timeouts.groupsMs,
    async () => (settled(await groupMembers(ctx)) ? true : undefined),
    async () => {
      const members = await groupMembers(ctx);
      const shown = [...members].map(([group, n]) => `${group} ${n} member(s)`).join(", ");
      return consuming
        ? `${pool} has not joined every group of ${ctx.tenant.slug} (${shown}); is ${pool} deployed and running in ${ctx.tenant.environmentId ?? "local"}?`
        : `${ctx.tenant.slug}'s groups still have members (${shown})`;
    },
  );
}

const setPool = (ctx: JobContext, data: { placement?: string; processorsRunning: boolean }) =>
  ctx.db.tenant.update({ where: { id: ctx.tenant.id }, data });

async function joinPool(ctx: JobContext, pool: string, why: string): Promise<string> {
  await setPool(ctx, { placement: pool, processorsRunning: true });
  // a pool with no deployment yet gets its first, serving this tenant
  const deployed = (await hasDeployments(ctx, pool)) ? null : await roll(ctx, DEPLOY, "deployed", pool);
  await awaitGroups(ctx, pool, true);
  return `${deployed ? `${deployed}; ` : ""}${pool} serves ${ctx.tenant.slug} (${why})`;
}

export const deployProcessors: StepRun = async (ctx) => {
  const { placement, why } = await chosenPlacement(ctx);
  return isPoolName(placement) ? joinPool(ctx, placement, why) : deployDedicated(ctx);
};

export const stopProcessors: StepRun = async (ctx) => {
  if (!isPoolName(ctx.tenant.placement)) return stopDedicated(ctx);
  await setPool(ctx, { processorsRunning: false });
  await awaitGroups(ctx, ctx.tenant.placement, false);
  return `${ctx.tenant.placement} stopped consuming for ${ctx.tenant.slug}; its committed offsets stay`;
};

export const startProcessors: StepRun = async (ctx) => {
  if (!isPoolName(ctx.tenant.placement)) return startDedicated(ctx);
  await setPool(ctx, { processorsRunning: true });
  await awaitGroups(ctx, ctx.tenant.placement, true);
  return `${ctx.tenant.placement} consumes for ${ctx.tenant.slug} again from its committed offsets`;
};

/** Offboarding: stops what runs for the tenant, if anything ever did. */
export const stopIfDeployed: StepRun = async (ctx) =>
  isPoolName(ctx.tenant.placement) || (await hasDeployments(ctx)) ? stopProcessors(ctx) : "no processors were deployed";
