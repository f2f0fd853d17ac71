/**
 * An environment's agent: realizes the desired state in the database through the environment's
 * driver and reports what runs. One per environment (the demo starts the `local` one). Each tick:
 *
 * 1. marks the environment as seen (health is Unknown when the agent goes silent);
 * 2. starts QUEUED deployments (→ ROLLING_OUT, driver.apply);
 * 3. writes the driver's instances to deployment_instances (with the log tails of targets whose
 *    log viewer is open, for drivers that read logs) and, for drivers that report them, each
 *    target's status and drift to deployment_target_states (platform-reports.ts);
 * 4. finishes ROLLING_OUT ones: SUCCEEDED once the target is Healthy (Suspended for a stop) and in
 *    sync — as readTargets combines heartbeats and the driver's status, so a pod the platform
 *    calls Degraded keeps the rollout from succeeding — FAILED when that does not happen within
 *    the rollout timeout (the reason says why).
 *
 * On start it re-applies every target's desired state, so a restarted demo runs what was deployed.
 */
import "server-only";
import { isPoolName, poolMembersWhere } from "@/lib/contract/placement";
import type { PrismaClient } from "../db/generated/client";
import type { EnvironmentDriver, TargetSpec } from "./driver";
import { platformReporter } from "./platform-reports";
import { readTargets, type DeploymentRow } from "./targets";

export type DeploymentAgent = { tick(): Promise<void>; stop(): Promise<void> };

export function specOf(d: DeploymentRow): TargetSpec {
  return { revision: d.revision, version: d.version, config: d.config as Record<string, string>, replicas: d.replicas };
}

/**
 * A pool's target serves its members (poolMembersWhere: placed in it, processors running; a tenant
 * is placed only once its topics exist). The list read here, when the pool's deployment is
 * applied (deploy, scale, restart, the agent's start), is the processor's start list; it then keeps
 * its members current from the tenants table itself (the drivers start pools with
 * `--refresh-members`), so moving a tenant in or out takes no restart.
 */
async function withPoolTenants(db: PrismaClient, d: DeploymentRow, spec: TargetSpec): Promise<TargetSpec> {
  if (!isPoolName(d.tenant)) return spec;
  const members = await db.tenant.findMany({
    where: poolMembersWhere(d.tenant),
    select: { slug: true },
    orderBy: { slug: "asc" },
  });
  return { ...spec, tenants: members.map((m) => m.slug) };
}

export async function startDeploymentAgent(options: {
  db: PrismaClient;
  environmentId: string;
  driver: EnvironmentDriver;
  intervalMs?: number;
  rolloutTimeoutMs?: number;
  log?: (line: string) => void;
}): Promise<DeploymentAgent> {
  const { db, environmentId, driver } = options;
  const log = options.log ?? (() => {});
  const rolloutTimeoutMs = options.rolloutTimeoutMs ?? 180_000;
  const platform = platformReporter(db, environmentId, driver, log);

  const apply = (d: DeploymentRow, restart: boolean) =>
    withPoolTenants(db, d, specOf(d))
      .then((spec) => driver.apply({ tenant: d.tenant, stage: d.stage }, spec, { restart }))
      .catch(async (error: unknown) => {
        const message = `the ${environmentId} driver failed: ${error instanceof Error ? error.message : String(error)}`;
        log(message);
        await db.deployment.updateMany({
          where: { id: d.id, state: "ROLLING_OUT" },
          data: { state: "FAILED", message, finishedAt: new Date() },
        });
      });

  for (const target of await readTargets(db, environmentId, "all")) {
    if (target.desired.state !== "QUEUED" && target.desired.state !== "PENDING_APPROVAL")
      void apply(target.desired, false);
  }

  const finish = async (d: DeploymentRow, state: "SUCCEEDED" | "FAILED", message: string) => {
    await db.deployment.updateMany({
      where: { id: d.id, state: "ROLLING_OUT" },
      data: { state, message, finishedAt: new Date() },
    });
    log(`${d.tenant}/${d.stage} revision ${d.revision} (${d.action}) ${state}: ${message}`);
  };

  const tick = async () => {
    const now = new Date();
    await db.environment.update({ where: { id: environmentId }, data: { agentSeenAt: now } });
    const queued = await db.deployment.findMany({
      where: { environmentId, state: "QUEUED" },
      orderBy: { createdAt: "asc" },
    });
    for (const d of queued) {
      const started = await db.deployment.updateMany({
        where: { id: d.id, state: "QUEUED" },
        data: { state: "ROLLING_OUT", startedAt: now, message: "rolling out" },
      });
      if (started.count === 1) void apply(d, d.action === "restart");
    }
    platform.refreshLogs(now);
    await report();
    await platform.writeStates();
    for (const target of await readTargets(db, environmentId, "all")) {
      const d = target.desired;
      if (d.state !== "ROLLING_OUT") continue;
      const { health, sync, reason } = target.status;
      const done = sync === "Synced" && (d.replicas === 0 ? health === "Suspended" : health === "Healthy");
      if (done) await finish(d, "SUCCEEDED", reason);
      else if (now.getTime() - (d.startedAt ?? now).getTime() > rolloutTimeoutMs)
        await finish(
          d,
          "FAILED",
          `not ${d.replicas === 0 ? "stopped" : "healthy"} after ${rolloutTimeoutMs / 1000} s: ${reason}`,
        );
      else if (d.message !== reason)
        await db.deployment.updateMany({ where: { id: d.id, state: "ROLLING_OUT" }, data: { message: reason } });
    }
  };

  // what was last written per instance: a steady target costs no writes at all
  const written = new Map<string, string>();
  const report = async () => {
    const instances = platform.withLogs(driver.observe());
    const changed = instances.filter((i) => written.get(i.instanceId) !== JSON.stringify(i));
    const gone = [...written.keys()].filter((id) => !instances.some((i) => i.instanceId === id));
    if (changed.length === 0 && gone.length === 0 && written.size > 0) return;
    const reportedAt = new Date();
    await db.$transaction([
      db.deploymentInstance.deleteMany({
        where: { environmentId, instanceId: { notIn: instances.map((i) => i.instanceId) } },
      }),
      ...changed.map((i) => {
        const row = { ...i, environmentId, reportedAt };
        return db.deploymentInstance.upsert({ where: { instanceId: i.instanceId }, create: row, update: row });
      }),
    ]);
    for (const id of gone) written.delete(id);
    for (const i of changed) written.set(i.instanceId, JSON.stringify(i));
  };

  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const loop = setInterval(() => {
    running = running
      .then(tick)
      .catch((error: unknown) =>
        log(`deployment agent tick failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, options.intervalMs ?? 1_000);

  return {
    tick: () => (running = running.then(tick)),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(loop);
      await running.catch(() => {});
      await driver.close();
      await report().catch(() => {});
    },
  };
}
