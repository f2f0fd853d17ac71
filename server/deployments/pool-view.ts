/**
 * What a pool target adds to a target's status: the tenants it serves, one consumer group per
 * tenant (pipeline/shared/runner.ts), and a heartbeat per tenant beside the process' own. Pure.
 */
import { consumerGroup, type Stage } from "@/lib/contract/topics";
import { isPoolName } from "@/lib/contract/placement";

export type TargetGroup = { tenant: string; groupId: string; members: number | null };

/** The tenants a target serves: a pool's members (poolMembersWhere, sorted), or the dedicated tenant. */
export function servedTenants(
  target: string,
  tenants: ReadonlyArray<{ slug: string; placement: string; processorsRunning: boolean }>,
): string[] {
  if (!isPoolName(target)) return [target];
  return tenants
    .filter((t) => t.placement === target && t.processorsRunning)
    .map((t) => t.slug)
    .sort();
}

export function targetGroups(tenants: readonly string[], stage: Stage, membersOf: Map<string, number>): TargetGroup[] {
  return tenants.map((tenant) => {
    const groupId = consumerGroup(tenant, stage);
    return { tenant, groupId, members: membersOf.get(groupId) ?? null };
  });
}

/** A target is only as whole as its emptiest group: the fewest members any sampled group has, null when none was. */
export function fewestMembers(groups: readonly TargetGroup[]): number | null {
  const sampled = groups.flatMap((g) => (g.members === null ? [] : [g.members]));
  return sampled.length === 0 ? null : Math.min(...sampled);
}

/**
 * A pooled instance is as alive as its stalest beat: the process' own and each tenant's
 * (`<instanceId>/<tenant>`), so one tenant whose consumer stopped beating turns the instance not
 * ready. Tenant beats older than the instance's start are from an earlier run (a tenant since moved
 * out of the pool) and do not count; a process that never beat has no beat (null).
 */
export function pooledLastBeat(
  instance: { instanceId: string; startedAt: Date | null },
  beats: ReadonlyArray<{ instanceId: string; lastBeatAt: Date }>,
): Date | null {
  const own = beats.find((b) => b.instanceId === instance.instanceId)?.lastBeatAt ?? null;
  if (!own) return null;
  const prefix = `${instance.instanceId}/`;
  const tenantBeats = beats
    .filter((b) => b.instanceId.startsWith(prefix))
    .map((b) => b.lastBeatAt)
    .filter((at) => instance.startedAt !== null && at >= instance.startedAt);
  return new Date(Math.min(own.getTime(), ...tenantBeats.map((at) => at.getTime())));
}
