/**
 * The deployment targets of an environment with their desired state, their unfinished deployment
 * and their status — read by the console (status API, page) and by the agent (is a rollout done?).
 * The status combines heartbeats and group membership with what the environment's platform
 * reports (deployment_target_states, target-status.ts). A pool (lib/contract/placement) is a target
 * like any other: it lists the tenants placed in it, its group members are the fewest of its
 * tenants' groups, and its instances beat per tenant too (pool-view.ts). Authorization is the
 * caller's job; a viewer limited to some tenants also sees the pools they are placed in.
 */
import "server-only";
import type { PrismaClient } from "../db/generated/client";
import { isPoolName } from "@/lib/contract/placement";
import type { Stage } from "@/lib/contract/topics";
import type { DriftField } from "./driver";
import { DEFAULT_THRESHOLDS, evaluateTarget, isReady, type Health } from "./health";
import { IN_FLIGHT_STATES } from "./lifecycle";
import { fewestMembers, pooledLastBeat, servedTenants, targetGroups, type TargetGroup } from "./pool-view";
import { combineStatus, type CombinedStatus, type PlatformState } from "./target-status";

/** a sampled group count older than this is not trusted for health */
const GROUP_SAMPLE_MAX_AGE_MS = 30_000;

export type DeploymentRow = Awaited<ReturnType<PrismaClient["deployment"]["findFirstOrThrow"]>>;

export type TargetView = {
  environmentId: string;
  /** the dedicated tenant's slug, or the pool's name */
  tenant: string;
  stage: string;
  pool: boolean;
  /** the tenants the target serves: a pool's ACTIVE tenants, or the dedicated tenant */
  tenants: string[];
  /** one consumer group per served tenant, with its members as last sampled */
  groups: TargetGroup[];
  desired: DeploymentRow;
  inFlight: DeploymentRow | null;
  status: CombinedStatus;
  groupMembers: number | null;
  instances: Array<{
    instanceId: string;
    replica: number;
    revision: number;
    state: string;
    pid: number | null;
    restarts: number;
    startedAt: Date | null;
    lastExit: string | null;
    lastExitAt: Date | null;
    lastBeatAt: Date | null;
    ready: boolean;
  }>;
};

const key = (t: { tenant: string; stage: string }) => `${t.tenant}/${t.stage}`;

export async function readTargets(
  db: PrismaClient,
  environmentId: string,
  tenants: "all" | string[],
  now = new Date(),
): Promise<TargetView[]> {
  const pools =
    tenants === "all"
      ? []
      : (await db.tenant.findMany({ where: { slug: { in: tenants } }, select: { placement: true } }))
          .map((t) => t.placement)
          .filter(isPoolName);
  const tenantFilter = tenants === "all" ? {} : { tenant: { in: [...tenants, ...pools] } };
  const [environment, desired, inFlight, instances, platformStates] = await Promise.all([
    db.environment.findUnique({ where: { id: environmentId } }),
    db.deployment.findMany({
      where: { environmentId, ...tenantFilter, state: { in: ["ROLLING_OUT", "SUCCEEDED", "FAILED"] } },
      orderBy: [{ tenant: "asc" }, { stage: "asc" }, { revision: "desc" }],
      distinct: ["tenant", "stage"],
    }),
    db.deployment.findMany({
      where: { environmentId, ...tenantFilter, state: { in: [...IN_FLIGHT_STATES] } },
      orderBy: { revision: "asc" },
    }),
    db.deploymentInstance.findMany({
      where: { environmentId, ...tenantFilter },
      orderBy: [{ tenant: "asc" }, { stage: "asc" }, { replica: "asc" }],
      omit: { logTail: true, logNote: true },
    }),
    db.deploymentTargetState.findMany({ where: { environmentId, ...tenantFilter } }),
  ]);
  if (!environment) return [];
  const poolNames = [...new Set([...desired, ...inFlight].map((d) => d.tenant).filter(isPoolName))];
  const placed = poolNames.length
    ? await db.tenant.findMany({
        where: { placement: { in: poolNames } },
        select: { slug: true, placement: true, processorsRunning: true },
      })
    : [];
  const servedBy = (target: string) => servedTenants(target, placed);
  const groups = [...desired, ...inFlight].flatMap((d) =>
    targetGroups(servedBy(d.tenant), d.stage as Stage, new Map()).map((g) => g.groupId),
  );
  const [beats, groupStates] = await Promise.all([
    db.processorHeartbeat.findMany({
      where: {
        OR: [
          { instanceId: { in: instances.map((i) => i.instanceId) } },
          ...instances
            .filter((i) => isPoolName(i.tenant))
            .map((i) => ({ instanceId: { startsWith: `${i.instanceId}/` } })),
        ],
      },
      select: { instanceId: true, lastBeatAt: true, pausedUntil: true, failuresInRow: true, lastError: true },
    }),
    db.lagGroupState.findMany({
      where: { groupId: { in: groups } },
      select: { groupId: true, members: true, updatedAt: true },
    }),
  ]);
  const platformOf = new Map(
    platformStates.map((p): [string, PlatformState] => [
      key(p),
      { health: p.health as Exclude<Health, "Unknown">, reason: p.reason, drift: p.drift as DriftField[] },
    ]),
  );
  const beatOf = new Map(beats.map((b) => [b.instanceId, b.lastBeatAt]));
  const pauseOf = new Map(beats.map((b) => [b.instanceId, b]));
  const membersOf = new Map(
    groupStates
      .filter((g) => now.getTime() - g.updatedAt.getTime() <= GROUP_SAMPLE_MAX_AGE_MS)
      .map((g) => [g.groupId, g.members]),
  );
  // the first deployment of a target may still be queued: it is the target's desired state already
  const firstTimers = inFlight.filter((d) => !desired.some((x) => key(x) === key(d)));
  const targets = [...desired, ...firstTimers.filter((d, i) => firstTimers.findIndex((x) => key(x) === key(d)) === i)];

  return targets.map((target) => {
    const pool = isPoolName(target.tenant);
    const own = instances
      .filter((i) => key(i) === key(target))
      .map((i) => ({ ...i, lastBeatAt: pool ? pooledLastBeat(i, beats) : (beatOf.get(i.instanceId) ?? null) }));
    const served = servedBy(target.tenant);
    const targetGroupsNow = targetGroups(served, target.stage as Stage, membersOf);
    const groupMembers = fewestMembers(targetGroupsNow);
    const status = combineStatus(
      evaluateTarget({
        desiredReplicas: target.replicas,
        desiredRevision: target.revision,
        // a tenant's pause after failures, as the processor's heartbeat reports it
        instances: own.map((i) => {
          const beat = pauseOf.get(i.instanceId);
          return {
            ...i,
            pausedUntil: beat?.pausedUntil,
            failuresInRow: beat?.failuresInRow,
            lastError: beat?.lastError,
          };
        }),
        groupMembers,
        agentSeenAt: environment.agentSeenAt,
        now,
      }),
      platformOf.get(key(target)) ?? null,
    );
    return {
      environmentId,
      tenant: target.tenant,
      stage: target.stage,
      pool,
      tenants: served,
      groups: targetGroupsNow,
      desired: target,
      inFlight: inFlight.find((d) => key(d) === key(target)) ?? null,
      status,
      groupMembers,
      instances: own.map(({ environmentId: _e, tenant: _t, stage: _s, reportedAt: _r, ...i }) => ({
        ...i,
        ready: isReady(i, now, DEFAULT_THRESHOLDS.heartbeatStaleMs),
      })),
    };
  });
}
