/**
 * Where a tenant's processors run: `dedicated` (deployments of its own per stage, as for the big
 * tenants) or a named pool (`pool-…`), one processor per stage serving every tenant placed in it
 * (pipeline/shared/runner.ts). Pool names start with `pool-` so a pool and a tenant can never
 * share a deployment target's name; tenant slugs may therefore not start with it.
 */
import { z } from "zod";

export const DEDICATED = "dedicated";
/** 6-40 characters: `pool-`, then lowercase letters, digits or dashes, not ending with a dash */
export const POOL_NAME = /^pool-(?:[a-z0-9-]{0,34}[a-z0-9])$/;
export const POOL_PREFIX = "pool-";

export type Placement = typeof DEDICATED | `pool-${string}`;

export function isPoolName(name: string): boolean {
  return POOL_NAME.test(name);
}

export const placementSchema = z
  .string({ error: "placement is required" })
  .refine(
    (value) => value === DEDICATED || isPoolName(value),
    'placement must be "dedicated" or a pool name: "pool-" then lowercase letters, digits or dashes (at most 40 in all)',
  )
  .transform((value) => value as Placement);

/**
 * Which tenants a pool serves: those placed in it whose processors should run. Provisioning sets
 * the placement in its deployments step (after the tenant's topics exist); suspend and offboard
 * clear `processorsRunning`, resume sets it. As a Prisma filter on tenants; the processors' own
 * query is the same in SQL (`placement = $1 AND processors_running`).
 */
export const poolMembersWhere = (pool: string) => ({ placement: pool, processorsRunning: true }) as const;

/** One processor target per stage: a dedicated tenant alone, or a pool with its tenants (sorted). */
export interface ProcessorTarget {
  /** the tenant's slug, or the pool's name */
  name: string;
  pool: boolean;
  tenants: string[];
}

/** The processor targets that serve `tenants`: dedicated ones first by slug, then pools by name. */
export function processorTargets(tenants: ReadonlyArray<{ slug: string; placement: string }>): ProcessorTarget[] {
  const dedicated: ProcessorTarget[] = [];
  const pools = new Map<string, string[]>();
  for (const { slug, placement } of tenants) {
    if (placement === DEDICATED) dedicated.push({ name: slug, pool: false, tenants: [slug] });
    else if (isPoolName(placement)) pools.set(placement, [...(pools.get(placement) ?? []), slug]);
    else throw new Error(`tenant ${slug} has an unknown placement "${placement}"`);
  }
  return [
    ...dedicated.sort((a, b) => a.name.localeCompare(b.name)),
    ...[...pools]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, members]) => ({ name, pool: true, tenants: members.sort() })),
  ];
}
