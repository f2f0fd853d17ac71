/**
 * What an environment's driver does: realize a target's desired state as running processes and
 * report what runs. The agent (agent.ts) owns the loop — it reads desired state from the database,
 * calls `apply` when a deployment rolls out, and writes `observe()` back — so a driver holds no
 * database or Kafka logic and stays small.
 *
 * `local` (scripts/stack/local-driver.ts): child processes on this host, restarted with backoff.
 * `kubernetes` (kubernetes/driver.ts): one apps/v1 Deployment per target in the environment's namespace:
 *   apply    → server-side apply of the Deployment (image tag = version, env = config,
 *              spec.replicas = replicas; `restart` sets the pod template's restartedAt annotation)
 *   observe  → the target's pods from a watch: phase, restartCount, lastState.terminated (→ lastExit),
 *              the revision from a pod label
 *   status   → the Deployment's and pods' conditions (Progressing, Healthy, Degraded with
 *              CrashLoopBackOff / ImagePullBackOff / OOMKilled / progress deadline, Missing, Suspended)
 *   drift    → the Deployment's fields changed outside SyncDeck (kubectl scale, set image, edit)
 *   logs     → the pod log endpoint with tailLines
 * status, drift and logs are optional: the agent writes status and drift per target
 * (deployment_target_states) and readTargets combines them with the heartbeats and group
 * membership, never softening either; logs fill the instances' logTail while someone reads them.
 */
import type { Health } from "./health";

export type TargetKey = { tenant: string; stage: string };

export type TargetSpec = {
  revision: number;
  version: string;
  /** environment variables for each instance (validated processor settings) */
  config: Record<string, string>;
  replicas: number;
  /**
   * A pool target (its name is a pool's, lib/contract/placement.ts): the tenants it serves, those
   * placed in the pool; absent for a tenant's own target. Drivers that run no pools ignore it.
   */
  tenants?: string[];
};

export type InstanceReport = TargetKey & {
  instanceId: string;
  replica: number;
  revision: number;
  state: "running" | "restarting" | "stopped";
  pid: number | null;
  restarts: number;
  startedAt: Date | null;
  lastExit: string | null;
  lastExitAt: Date | null;
  logTail: string;
  /** why logTail is empty, in the platform's words (e.g. the pod log API's answer); null when it is not */
  logNote?: string | null;
};

/** What the platform under the driver says about a target, with the reason in words. */
export type DriverStatus = { health: Exclude<Health, "Unknown">; reason: string };

/** A field of the target's live object that no longer holds what the driver applied. */
export type DriftField = { path: string; applied: string; live: string };

/** The end of one instance's output; `empty` says why there are no lines when there are none. */
export type InstanceLog = { instanceId: string; lines: string[]; empty: string | null };

export interface EnvironmentDriver {
  /**
   * Converge the target on `spec`: start or stop instances to match `replicas`; instances of an
   * older revision whose version or config differ (or all, with `restart`) are replaced one at a
   * time. Idempotent — the agent re-applies every desired state when it starts.
   */
  apply(target: TargetKey, spec: TargetSpec, options?: { restart?: boolean }): Promise<void>;
  /** Every instance the driver runs or restarts in this environment, right now. */
  observe(): InstanceReport[];
  /** The target's status as the platform reports it; null while the driver does not know yet. */
  status?(target: TargetKey): DriverStatus | null;
  /** What was changed outside SyncDeck (empty: in sync); null while the driver does not know yet. */
  drift?(target: TargetKey): DriftField[] | null;
  /** The last `tailLines` lines of each of the target's instances, asked of the platform now. */
  logs?(target: TargetKey, options: { tailLines: number }): Promise<InstanceLog[]>;
  /** Stops everything this driver started (the agent's shutdown); desired state stays in the database. */
  close(): Promise<void>;
}

export const targetLabel = (t: TargetKey) => `${t.tenant}/${t.stage}`;
