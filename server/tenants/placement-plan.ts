/**
 * Where a new tenant's processors run, from the volume it expects: a tenant whose planned rate
 * (the same figure the partition plan uses: its peak, or three times its average) is at most
 * the pooled limit joins the onboarding pool (one processor per stage serves every tenant in
 * it), a bigger one gets processors of its own. Pools make a platform's cost grow with traffic
 * instead of with the number of tenants; the big tenants stay dedicated so one cannot take a
 * pool's whole capacity. Either can be moved later without losing anything.
 */
import { DEDICATED, type Placement } from "@/lib/contract/placement";

export type PlacementRule = {
  /** the pool new small tenants join; null: every tenant is dedicated */
  pool: `pool-${string}` | null;
  /** planned changes per second up to which a tenant is pooled */
  maxPooledPerSecond: number;
};

export type PlacementPlan = { placement: Placement; explanation: string };

export function planPlacement(plannedPerSecond: number, rule: PlacementRule): PlacementPlan {
  const planned = `planned ${fmt(plannedPerSecond)}/s`;
  if (rule.pool === null)
    return { placement: DEDICATED, explanation: "no onboarding pool is set: processors of its own per stage" };
  if (plannedPerSecond <= rule.maxPooledPerSecond)
    return {
      placement: rule.pool,
      explanation: `${planned} ≤ ${fmt(rule.maxPooledPerSecond)}/s → ${rule.pool}, sharing one processor per stage with the other small tenants`,
    };
  return {
    placement: DEDICATED,
    explanation: `${planned} > ${fmt(rule.maxPooledPerSecond)}/s pooled limit → dedicated: processors of its own per stage`,
  };
}

const fmt = (n: number) => n.toLocaleString("en-US");
