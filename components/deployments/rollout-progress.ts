import type { TargetJson } from "./types";

export type RolloutProgress = { value: number; max: number; label: string; tone: "progress" | "done" | "failed" };

const replicas = (n: number) => `${n} replica${n === 1 ? "" : "s"}`;

/**
 * How far a target's rollout has come, from what the deployments API already returns: its
 * instances that run the desired revision and are ready, of the desired replicas. Null when there
 * is nothing to show (no rollout under way and the target settled, or stopped on request). Pure.
 */
export function rolloutProgress(target: TargetJson): RolloutProgress | null {
  const max = target.desired.replicas;
  const rolling = target.desired.state === "ROLLING_OUT" || target.status.health === "Progressing";
  if (!rolling || max === 0) return null;
  const live = target.instances.filter((i) => i.state !== "stopped");
  const updated = live.filter((i) => i.revision === target.desired.revision);
  const ready = updated.filter((i) => i.ready).length;
  const waiting = updated.length - ready;
  const old = live.length - updated.length;
  const parts = [`${ready} of ${replicas(max)} updated and ready`];
  if (waiting > 0) parts.push(`${waiting} starting`);
  if (old > 0) parts.push(`${old} on an earlier revision`);
  return {
    value: Math.min(ready, max),
    max,
    label: `rev ${target.desired.revision}: ${parts.join(", ")}`,
    tone: target.status.health === "Degraded" ? "failed" : ready >= max ? "done" : "progress",
  };
}
