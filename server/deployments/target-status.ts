/**
 * A target's status as the console shows it: the heartbeat-derived status (health.ts) combined
 * with what the environment's platform reports (the agent's deployment_target_states row, e.g. the
 * Kubernetes Deployment's and pods' conditions and drift). The worse health wins, with its reason,
 * so neither source can soften the other: a crash-looping pod is Degraded even while older
 * instances still beat. Drift makes the target OutOfSync and lists the fields. Pure.
 */
import type { DriftField, DriverStatus } from "./driver";
import type { Health, TargetStatus } from "./health";

export type PlatformState = DriverStatus & { drift: DriftField[] };
export type CombinedStatus = TargetStatus & {
  /** fields of the live object changed outside SyncDeck (empty: none, or the driver cannot tell) */
  drift: DriftField[];
};

/** how bad a health is; Unknown (the agent is silent) is decided before the platform is consulted */
const SEVERITY: Record<Exclude<Health, "Unknown">, number> = {
  Healthy: 0,
  Suspended: 1,
  Progressing: 2,
  Missing: 3,
  Degraded: 4,
};

export function combineStatus(fromBeats: TargetStatus, platform: PlatformState | null): CombinedStatus {
  // A silent agent's last platform row is as old as its last report: Unknown says so.
  if (!platform || fromBeats.health === "Unknown") return { ...fromBeats, drift: [] };
  const beats = SEVERITY[fromBeats.health];
  const reported = SEVERITY[platform.health];
  const platformWins = reported > beats || (reported === beats && platform.health !== "Healthy");
  return {
    ...fromBeats,
    ...(platformWins ? { health: platform.health, reason: platform.reason } : {}),
    sync: platform.drift.length > 0 ? "OutOfSync" : fromBeats.sync,
    drift: platform.drift,
  };
}
