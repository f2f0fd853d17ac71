/**
 * A pool's members kept current (runner.ts, with `--refresh-members`): every
 * POOL_MEMBERS_REFRESH_MS the pool reads its members (placed in it, processors running:
 * lib/contract/placement.ts poolMembersWhere) from the tenants table
 * and adds or removes lanes so that it serves exactly those. A tenant whose lane could not start
 * (its topics missing, say) is simply not running: the next refresh tries it again.
 */
import type pg from "pg";

export interface LaneChanges {
  /** tenants to start a lane for, in the members' order */
  add: string[];
  /** tenants whose lane to stop, in the running order */
  remove: string[];
}

/** Which lanes to add and remove so that `running` becomes `members`; lanes already right are left alone. */
export function laneChanges(running: readonly string[], members: readonly string[]): LaneChanges {
  const wanted = new Set(members);
  const have = new Set(running);
  return {
    add: [...wanted].filter((tenant) => !have.has(tenant)),
    remove: [...have].filter((tenant) => !wanted.has(tenant)),
  };
}

/** The tenants `poolName` serves (poolMembersWhere in SQL), by slug. */
export async function readPoolMembers(db: pg.Pool, poolName: string): Promise<string[]> {
  const { rows } = await db.query<{ slug: string }>(
    "SELECT slug FROM tenants WHERE placement = $1 AND processors_running ORDER BY slug",
    [poolName],
  );
  return rows.map((row) => row.slug);
}

/** A heartbeat error naming the tenants the pool should serve but could not start (null: none). */
export function notServedError(failures: ReadonlyMap<string, string>): string | null {
  if (failures.size === 0) return null;
  return [...failures]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tenant, reason]) => `${tenant}: not served yet (retried every refresh): ${reason}`)
    .join("; ");
}
