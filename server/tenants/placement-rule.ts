/** The onboarding placement rule as configured (SYNCDECK_ONBOARDING_POOL, SYNCDECK_POOL_MAX_CHANGES_PER_SECOND). */
import "server-only";
import { configValue } from "../config/value";
import type { PlacementRule } from "./placement-plan";

export function placementRule(env: Record<string, string | undefined> = process.env): PlacementRule {
  const pool = configValue("SYNCDECK_ONBOARDING_POOL", env);
  return {
    pool: pool === "none" ? null : (pool as `pool-${string}`),
    maxPooledPerSecond: configValue("SYNCDECK_POOL_MAX_CHANGES_PER_SECOND", env),
  };
}
