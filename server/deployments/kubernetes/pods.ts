/**
 * A pod as one instance of the agent's report (deployment_instances). Pure.
 */
import type { InstanceReport } from "../driver";
import { ANNOTATION, CONTAINER, LABEL } from "./manifest";
import { exitInWords, type PodView } from "./status";

type PodWithSpec = PodView & { metadata?: PodView["metadata"] & { annotations?: Record<string, string> } };
type DeploymentMeta = {
  metadata?: { labels?: Record<string, string> };
  spec?: { template?: { metadata?: { annotations?: Record<string, string> } } };
};

const asDate = (value: Date | string | undefined) => (value === undefined ? null : new Date(value));

/**
 * The pod's revision: the Deployment's current revision when the pod runs the current template (a
 * scale or stop does not change the template, so its pods are as current as the revision), else
 * the revision that made the pod's template.
 */
export function podRevision(pod: PodWithSpec, deployment: DeploymentMeta | undefined): number {
  const own = Number(pod.metadata?.labels?.[LABEL.revision] ?? 0);
  const current = deployment?.spec?.template?.metadata?.annotations?.[ANNOTATION.templateHash];
  const podHash = pod.metadata?.annotations?.[ANNOTATION.templateHash];
  const deploymentRevision = Number(deployment?.metadata?.labels?.[LABEL.revision]);
  return current && podHash === current && Number.isInteger(deploymentRevision) ? deploymentRevision : own;
}

export function instanceOfPod(
  pod: PodWithSpec,
  replica: number,
  deployment: DeploymentMeta | undefined,
): InstanceReport {
  const labels = pod.metadata?.labels ?? {};
  const container =
    pod.status?.containerStatuses?.find((c) => c.name === CONTAINER) ?? pod.status?.containerStatuses?.[0];
  const running = pod.status?.phase === "Running" && container?.state?.running !== undefined;
  const state: InstanceReport["state"] = pod.metadata?.deletionTimestamp
    ? "stopped"
    : running
      ? "running"
      : "restarting";
  const lastTerminated = container?.lastState?.terminated ?? container?.state?.terminated;
  return {
    tenant: labels[LABEL.tenant] ?? "",
    stage: labels[LABEL.stage] ?? "",
    instanceId: pod.metadata?.name ?? "",
    replica,
    revision: podRevision(pod, deployment),
    state,
    pid: null,
    restarts: container?.restartCount ?? 0,
    startedAt: running ? asDate(container?.state?.running?.startedAt) : null,
    lastExit: exitInWords(lastTerminated),
    lastExitAt: asDate(lastTerminated?.finishedAt),
    logTail: "",
  };
}
