/**
 * The two status axes of a deployment target (DESIGN.md "Deployments"), decided from what the
 * environment's agent reports (instances), the processors' own heartbeats and the consumer group.
 * Pure: clock and thresholds are passed in.
 */
export const HEALTH = ["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"] as const;
export type Health = (typeof HEALTH)[number];
export type Sync = "Synced" | "OutOfSync";

export type ObservedInstance = {
  instanceId: string;
  revision: number;
  /** running | restarting (crashed, waiting for its backoff) | stopped */
  state: string;
  startedAt: Date | null;
  /** last crash (never a requested stop) */
  lastExit: string | null;
  lastExitAt: Date | null;
  /** the instance's last heartbeat (processor_heartbeats), null when it never beat */
  lastBeatAt: Date | null;
  /** from the heartbeat: until when a tenant's partitions are paused after failures in a row */
  pausedUntil?: Date | null;
  failuresInRow?: number;
  /** the heartbeat's last error (a pool's names the tenant) */
  lastError?: string | null;
};

export type TargetObservation = {
  desiredReplicas: number;
  desiredRevision: number;
  instances: ObservedInstance[];
  /** members of the stage's consumer group as last sampled; null when unknown */
  groupMembers: number | null;
  agentSeenAt: Date | null;
  now: Date;
};

export type StatusThresholds = { heartbeatStaleMs: number; agentStaleMs: number; recoveryWindowMs: number };
export const DEFAULT_THRESHOLDS: StatusThresholds = {
  heartbeatStaleMs: 20_000,
  agentStaleMs: 15_000,
  recoveryWindowMs: 60_000,
};

export type TargetStatus = { health: Health; sync: Sync; reason: string; running: number; ready: number };

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function isReady(instance: ObservedInstance, now: Date, heartbeatStaleMs: number): boolean {
  if (instance.state !== "running" || !instance.startedAt || !instance.lastBeatAt) return false;
  return instance.lastBeatAt >= instance.startedAt && now.getTime() - instance.lastBeatAt.getTime() <= heartbeatStaleMs;
}

export function evaluateTarget(o: TargetObservation, t: StatusThresholds = DEFAULT_THRESHOLDS): TargetStatus {
  const now = o.now.getTime();
  const live = o.instances.filter((i) => i.state !== "stopped");
  const running = live.filter((i) => i.state === "running").length;
  const ready = live.filter((i) => isReady(i, o.now, t.heartbeatStaleMs)).length;
  const synced = live.length === o.desiredReplicas && live.every((i) => i.revision === o.desiredRevision);
  const status = (health: Health, reason: string): TargetStatus => ({
    health,
    sync: synced ? "Synced" : "OutOfSync",
    reason,
    running,
    ready,
  });

  if (!o.agentSeenAt || now - o.agentSeenAt.getTime() > t.agentStaleMs) {
    const since = o.agentSeenAt ? `for ${seconds(now - o.agentSeenAt.getTime())}` : "yet";
    return status("Unknown", `the environment's agent has not reported ${since}`);
  }
  if (o.desiredReplicas === 0) {
    return live.length > 0
      ? status("Progressing", `stopping ${live.length} instance(s)`)
      : status("Suspended", "stopped on request (0 replicas)");
  }
  if (live.length === 0) return status("Missing", `none of ${o.desiredReplicas} desired instance(s) runs`);

  const crashed = live.find((i) => i.state === "restarting");
  if (crashed)
    return status(
      "Degraded",
      `${crashed.instanceId} exited (${crashed.lastExit ?? "unknown"}); restarting with backoff`,
    );
  const recovering = live.find(
    (i) => !isReady(i, o.now, t.heartbeatStaleMs) && i.lastExitAt && now - i.lastExitAt.getTime() <= t.recoveryWindowMs,
  );
  if (recovering) {
    return status(
      "Degraded",
      `${recovering.instanceId} was restarted after it exited (${recovering.lastExit}); waiting for its heartbeat`,
    );
  }
  const silent = live.find(
    (i) => !isReady(i, o.now, t.heartbeatStaleMs) && i.startedAt && now - i.startedAt.getTime() > t.recoveryWindowMs,
  );
  if (silent) {
    const last = silent.lastBeatAt
      ? `for ${seconds(now - silent.lastBeatAt.getTime())}`
      : `since it started ${seconds(now - silent.startedAt!.getTime())} ago`;
    return status("Degraded", `${silent.instanceId} has sent no heartbeat ${last}`);
  }
  const paused = live.find(
    (i) => isReady(i, o.now, t.heartbeatStaleMs) && i.pausedUntil && i.pausedUntil.getTime() > now,
  );
  if (paused) {
    const error = paused.lastError ? `: ${paused.lastError}` : "";
    return status(
      "Degraded",
      `${paused.instanceId} paused its partitions after ${paused.failuresInRow ?? 1} failure(s) in a row, resuming in ${seconds(paused.pausedUntil!.getTime() - now)}${error}`,
    );
  }
  if (ready < o.desiredReplicas) return status("Progressing", `${ready} of ${o.desiredReplicas} instance(s) ready`);
  if (live.length > o.desiredReplicas)
    return status("Progressing", `stopping ${live.length - o.desiredReplicas} extra instance(s)`);
  if (!synced) return status("Progressing", `replacing instances with revision ${o.desiredRevision}`);
  if (o.groupMembers !== null && o.groupMembers < o.desiredReplicas) {
    return status("Progressing", `consumer group has ${o.groupMembers} of ${o.desiredReplicas} members (rebalancing)`);
  }
  return status("Healthy", `${ready} of ${o.desiredReplicas} instance(s) ready`);
}
