/**
 * A target's health on Kubernetes, from its Deployment's status and conditions and its pods'
 * container states, with the reason in words. Pure: the driver passes what its watches hold.
 */
import type { Health } from "../health";

type Condition = { type: string; status: string; reason?: string; message?: string };
type Terminated = { reason?: string; exitCode?: number; message?: string; finishedAt?: Date | string };
type ContainerStatus = {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: Date | string };
    terminated?: Terminated;
  };
  lastState?: { terminated?: Terminated };
};

export type PodView = {
  metadata?: { name?: string; deletionTimestamp?: Date | string; labels?: Record<string, string> };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    reason?: string;
    message?: string;
  };
};

export type DeploymentView = {
  metadata?: { generation?: number; labels?: Record<string, string> };
  spec?: { replicas?: number; progressDeadlineSeconds?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: Condition[];
  };
};

export type KubernetesStatus = { health: Exclude<Health, "Unknown">; reason: string; ready: number; desired: number };

/** Container waiting reasons that mean the pod will not become ready by itself. */
const FAILING_WAIT: Record<string, string> = {
  CrashLoopBackOff: "keeps exiting and is restarted with back-off (CrashLoopBackOff)",
  ImagePullBackOff: "cannot pull its image (ImagePullBackOff)",
  ErrImagePull: "cannot pull its image (ErrImagePull)",
  InvalidImageName: "has an invalid image name (InvalidImageName)",
  CreateContainerConfigError:
    "cannot be created: a referenced Secret or ConfigMap key is missing (CreateContainerConfigError)",
  CreateContainerError: "cannot be created (CreateContainerError)",
};

/** A terminated container's reason in words: OOMKilled is the one people must recognise. */
export function exitInWords(terminated: Terminated | undefined): string | null {
  if (!terminated) return null;
  const code = terminated.exitCode !== undefined ? `exit code ${terminated.exitCode}` : "no exit code";
  if (terminated.reason === "OOMKilled") return `killed for using more memory than its limit (OOMKilled, ${code})`;
  return `${terminated.reason ?? "exited"} (${code})`;
}

const live = (pod: PodView) => !pod.metadata?.deletionTimestamp;

/** The first problem of a pod that keeps it from serving, in words; null when there is none. */
export function podProblem(pod: PodView): string | null {
  const name = pod.metadata?.name ?? "a pod";
  if (pod.status?.phase === "Failed")
    return `pod ${name} failed${pod.status.reason ? ` (${pod.status.reason})` : ""}${pod.status.message ? `: ${pod.status.message}` : ""}`;
  for (const c of pod.status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting?.reason;
    const lastExit = exitInWords(c.lastState?.terminated);
    const restarts = c.restartCount ? `, restarted ${c.restartCount} time${c.restartCount === 1 ? "" : "s"}` : "";
    if (waiting && FAILING_WAIT[waiting]) {
      return `pod ${name}: container ${c.name} ${FAILING_WAIT[waiting]}${lastExit ? `; last exit: ${lastExit}` : ""}${restarts}`;
    }
    if (!c.ready && c.lastState?.terminated?.reason === "OOMKilled")
      return `pod ${name}: container ${c.name} was ${exitInWords(c.lastState.terminated)}${restarts}`;
    if (c.state?.terminated && c.state.terminated.exitCode !== 0)
      return `pod ${name}: container ${c.name} ${exitInWords(c.state.terminated)}${restarts}`;
  }
  const unschedulable = pod.status?.conditions?.find(
    (c) => c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable",
  );
  if (unschedulable) return `pod ${name} cannot be scheduled: ${unschedulable.message ?? "no node fits"}`;
  return null;
}

export function deploymentStatus(
  name: string,
  deployment: DeploymentView | undefined,
  pods: readonly PodView[],
): KubernetesStatus {
  if (!deployment) return { health: "Missing", reason: `there is no Deployment ${name}`, ready: 0, desired: 0 };
  const desired = deployment.spec?.replicas ?? 1;
  const s = deployment.status ?? {};
  const ready = s.readyReplicas ?? 0;
  const result = (health: KubernetesStatus["health"], reason: string): KubernetesStatus => ({
    health,
    reason,
    ready,
    desired,
  });
  const running = pods.filter(live);

  if (desired === 0) {
    return running.length > 0
      ? result("Progressing", `stopping ${running.length} pod(s)`)
      : result("Suspended", "stopped on request (0 replicas)");
  }
  const problem = running.map(podProblem).find((p) => p !== null);
  if (problem) return result("Degraded", problem);
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.status === "False" && progressing.reason === "ProgressDeadlineExceeded") {
    return result(
      "Degraded",
      `the rollout made no progress for ${deployment.spec?.progressDeadlineSeconds ?? 600} s (ProgressDeadlineExceeded): ${progressing.message ?? ""}`.trim(),
    );
  }
  const replicaFailure = s.conditions?.find((c) => c.type === "ReplicaFailure" && c.status === "True");
  if (replicaFailure)
    return result(
      "Degraded",
      `pods cannot be created (${replicaFailure.reason ?? "ReplicaFailure"}): ${replicaFailure.message ?? ""}`.trim(),
    );
  if ((s.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0))
    return result("Progressing", "waiting for the Deployment controller to see the change");
  const updated = s.updatedReplicas ?? 0;
  if (updated < desired) return result("Progressing", `${updated} of ${desired} pod(s) run the new template`);
  if ((s.replicas ?? 0) > desired)
    return result("Progressing", `${(s.replicas ?? 0) - desired} old pod(s) still stopping`);
  if ((s.availableReplicas ?? 0) < desired || ready < desired)
    return result("Progressing", `${ready} of ${desired} pod(s) ready`);
  return result("Healthy", `${ready} of ${desired} pod(s) ready`);
}
