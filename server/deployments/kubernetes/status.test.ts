import { describe, expect, it } from "vitest";
import { deploymentStatus, exitInWords, podProblem, type DeploymentView, type PodView } from "./status";

const healthy: DeploymentView = {
  metadata: { generation: 2 },
  spec: { replicas: 2 },
  status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
};
const runningPod = (name: string): PodView => ({
  metadata: { name },
  status: { phase: "Running", containerStatuses: [{ name: "processor", ready: true, state: { running: {} } }] },
});

describe("deploymentStatus", () => {
  it("is Missing without a Deployment and Suspended at 0 replicas once its pods are gone", () => {
    expect(deploymentStatus("acme-cdc-processor", undefined, [])).toMatchObject({
      health: "Missing",
      reason: "there is no Deployment acme-cdc-processor",
    });
    const stopped = { ...healthy, spec: { replicas: 0 } };
    expect(deploymentStatus("x", stopped, [runningPod("a")])).toMatchObject({
      health: "Progressing",
      reason: "stopping 1 pod(s)",
    });
    expect(deploymentStatus("x", stopped, [])).toMatchObject({ health: "Suspended" });
  });

  it("is Healthy when every pod is updated and ready, Progressing before", () => {
    expect(deploymentStatus("x", healthy, [runningPod("a"), runningPod("b")])).toMatchObject({
      health: "Healthy",
      reason: "2 of 2 pod(s) ready",
    });
    expect(
      deploymentStatus("x", { ...healthy, status: { ...healthy.status, readyReplicas: 1, availableReplicas: 1 } }, []),
    ).toMatchObject({ health: "Progressing", reason: "1 of 2 pod(s) ready" });
    expect(deploymentStatus("x", { ...healthy, status: { ...healthy.status, updatedReplicas: 1 } }, [])).toMatchObject({
      health: "Progressing",
      reason: "1 of 2 pod(s) run the new template",
    });
    expect(
      deploymentStatus("x", { ...healthy, status: { ...healthy.status, observedGeneration: 1 } }, []),
    ).toMatchObject({ health: "Progressing" });
  });

  it("is Degraded with the pod's reason in words", () => {
    const crashing: PodView = {
      metadata: { name: "acme-cdc-processor-abc" },
      status: {
        phase: "Running",
        containerStatuses: [
          {
            name: "processor",
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: "CrashLoopBackOff" } },
            lastState: { terminated: { reason: "Error", exitCode: 1 } },
          },
        ],
      },
    };
    expect(deploymentStatus("x", healthy, [runningPod("a"), crashing])).toMatchObject({
      health: "Degraded",
      reason:
        "pod acme-cdc-processor-abc: container processor keeps exiting and is restarted with back-off (CrashLoopBackOff); last exit: Error (exit code 1), restarted 4 times",
    });
    const pulling: PodView = {
      metadata: { name: "p" },
      status: {
        phase: "Pending",
        containerStatuses: [{ name: "processor", state: { waiting: { reason: "ImagePullBackOff" } } }],
      },
    };
    expect(podProblem(pulling)).toBe("pod p: container processor cannot pull its image (ImagePullBackOff)");
    const oom: PodView = {
      metadata: { name: "o" },
      status: {
        phase: "Running",
        containerStatuses: [
          {
            name: "processor",
            ready: false,
            restartCount: 1,
            state: { running: {} },
            lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } },
          },
        ],
      },
    };
    expect(podProblem(oom)).toBe(
      "pod o: container processor was killed for using more memory than its limit (OOMKilled, exit code 137), restarted 1 time",
    );
    // a pod being deleted is not the target's problem any more
    expect(
      deploymentStatus("x", healthy, [
        { ...crashing, metadata: { ...crashing.metadata, deletionTimestamp: "2026-12-04T10:00:00Z" } },
      ]).health,
    ).toBe("Healthy");
  });

  it("is Degraded when the rollout passed its progress deadline", () => {
    const stuck: DeploymentView = {
      ...healthy,
      spec: { replicas: 2, progressDeadlineSeconds: 120 },
      status: {
        ...healthy.status,
        updatedReplicas: 1,
        conditions: [
          {
            type: "Progressing",
            status: "False",
            reason: "ProgressDeadlineExceeded",
            message: 'ReplicaSet "x-1" has timed out progressing.',
          },
        ],
      },
    };
    expect(deploymentStatus("x", stuck, [])).toMatchObject({
      health: "Degraded",
      reason:
        'the rollout made no progress for 120 s (ProgressDeadlineExceeded): ReplicaSet "x-1" has timed out progressing.',
    });
  });

  it("says what a last exit was", () => {
    expect(exitInWords(undefined)).toBeNull();
    expect(exitInWords({ reason: "Error", exitCode: 2 })).toBe("Error (exit code 2)");
  });
});
