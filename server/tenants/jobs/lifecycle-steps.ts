/**
 * Suspend, resume and offboard, step by step; like provisioning, each step converges on its end
 * state so a resumed or retried job repeats nothing harmful. Suspend keeps every byte: it pauses
 * the connector (its slot holds the source's changes until resume) and stops the processors.
 * Offboarding deletes what serves the pipeline and keeps records (see offboard-plan.ts).
 */
import "server-only";
import { STAGES, consumerGroup } from "@/lib/contract/topics";
import { dropPublication, dropReplicationSlot } from "@/lib/source-db/source-db";
import { connectorName } from "@/lib/connect/connector-config";
import { AppError } from "../../errors";
import { retryRetriable } from "@/lib/kafka/client";
import { resolveSource } from "../source";
import { allTenantTopics, retiredTenantTopics } from "../tenant-topics";
import type { JobContext, StepRun } from "./context";
import { waitFor } from "./context";
import { startProcessors, stopIfDeployed, stopProcessors } from "./processors";

const notFound = (error: unknown) => error instanceof AppError && error.code === "NOT_FOUND";

async function connectorState(ctx: JobContext): Promise<string | undefined> {
  try {
    return (await ctx.connect.getStatus(connectorName(ctx.tenant.slug))).connector.state;
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

const pauseConnector: StepRun = async (ctx) => {
  const name = connectorName(ctx.tenant.slug);
  if ((await connectorState(ctx)) === undefined) return `no connector ${name}: nothing to pause`;
  await ctx.connect.pause(name);
  await waitFor(
    ctx,
    ctx.timeouts.connectorMs,
    async () => ((await connectorState(ctx)) === "PAUSED" ? true : undefined),
    async () => `connector ${name} is ${await connectorState(ctx)}, not PAUSED`,
  );
  return `connector ${name} PAUSED; its replication slot keeps the source's changes until it resumes`;
};

const resumeConnector: StepRun = async (ctx) => {
  const name = connectorName(ctx.tenant.slug);
  if ((await connectorState(ctx)) === undefined)
    throw new Error(`no connector ${name} to resume; retry provisioning's connector step`);
  await ctx.connect.resume(name);
  await waitFor(
    ctx,
    ctx.timeouts.connectorMs,
    async () => ((await connectorState(ctx)) === "RUNNING" ? true : undefined),
    async () => `connector ${name} is ${await connectorState(ctx)}, not RUNNING`,
  );
  return `connector ${name} RUNNING`;
};

const deleteConnector: StepRun = async (ctx) => {
  const name = connectorName(ctx.tenant.slug);
  await ctx.connect.deleteConnector(name);
  await waitFor(
    ctx,
    ctx.timeouts.connectorMs,
    async () => ((await connectorState(ctx)) === undefined ? true : undefined),
    () => `connector ${name} still exists`,
  );
  return `connector ${name} deleted`;
};

const releaseSource: StepRun = async (ctx) => {
  const resolved = resolveSource(ctx.tenant.slug, ctx.tenant.source, ctx.env);
  await dropReplicationSlot(resolved.serverUrl ?? resolved.target, ctx.tenant.slug);
  await dropPublication(resolved.target, ctx.tenant.slug).catch((error: unknown) => {
    // a managed database someone dropped already has no publication left to drop
    if ((error as { code?: string }).code !== "3D000") throw error;
  });
  return `replication slot and publication dropped; the source database and its rows stay (${resolved.display})`;
};

const deleteTopics: StepRun = async (ctx) => {
  const names = [...allTenantTopics(ctx.tenant.slug), ...retiredTenantTopics(ctx.tenant.slug)];
  const existing = new Set(await retryRetriable(() => ctx.admin.listTopics()));
  const present = names.filter((n) => existing.has(n));
  if (present.length) await retryRetriable(() => ctx.admin.deleteTopics({ topics: present, timeout: 30_000 }));
  return present.length ? `deleted ${present.join(", ")}` : "no topics left to delete";
};

const deleteGroups: StepRun = async (ctx) => {
  const groups = STAGES.map((stage) => consumerGroup(ctx.tenant.slug, stage));
  const remaining = async () => {
    const listed = new Set((await retryRetriable(() => ctx.admin.listGroups())).groups.map((g) => g.groupId));
    return groups.filter((g) => listed.has(g));
  };
  // a stopped member stays in its group until its session times out: wait for the groups to empty
  const deleted = await waitFor(
    ctx,
    ctx.timeouts.groupsMs,
    async () => {
      const present = await remaining();
      if (present.length === 0) return present;
      // a group that still has members refuses deletion (NON_EMPTY_GROUP): try again next round
      await ctx.admin.deleteGroups(present).catch(() => undefined);
      return (await remaining()).length === 0 ? present : undefined;
    },
    async () => `consumer groups ${(await remaining()).join(", ")} still have members`,
  );
  return deleted.length ? `deleted ${deleted.join(", ")}` : "no consumer groups left to delete";
};

const revokeAccess: StepRun = async (ctx) => {
  const memberships = await ctx.db.membership.deleteMany({ where: { tenantId: ctx.tenant.id } });
  const rules = await ctx.db.alertRule.updateMany({
    where: { tenantId: ctx.tenant.id, enabled: true },
    data: { enabled: false },
  });
  return `${memberships.count} memberships removed, ${rules.count} alert rules switched off`;
};

export const SUSPEND_STEPS: Record<string, StepRun> = {
  "connector-pause": pauseConnector,
  "processors-stop": stopProcessors,
};
export const RESUME_STEPS: Record<string, StepRun> = {
  "processors-start": startProcessors,
  "connector-resume": resumeConnector,
};
export const OFFBOARD_STEPS: Record<string, StepRun> = {
  "processors-stop": stopIfDeployed,
  "connector-delete": deleteConnector,
  "source-release": releaseSource,
  "topics-delete": deleteTopics,
  "groups-delete": deleteGroups,
  "access-revoke": revokeAccess,
};
