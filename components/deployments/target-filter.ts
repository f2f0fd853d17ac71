/**
 * The board's tenant filter: a tenant's targets are its dedicated ones and the pools serving it,
 * so picking a pooled tenant shows the pool's processors. Pure.
 */
import type { TargetJson } from "./types";

type Served = Pick<TargetJson, "tenant" | "tenants">;

/** The tenants to pick from: every tenant a listed target serves, sorted. */
export function tenantChoices(targets: readonly Served[]): string[] {
  return [...new Set(targets.flatMap((t) => t.tenants))].sort();
}

/** The targets serving `tenant` (or named so); all of them when no tenant is picked. */
export function targetsOf<T extends Served>(targets: readonly T[], tenant: string): T[] {
  return targets.filter((t) => !tenant || t.tenant === tenant || t.tenants.includes(tenant));
}
