import { describe, expect, it } from "vitest";
import { rolloutProgress } from "./rollout-progress";
import type { DeploymentJson, TargetJson } from "./types";

const deployment = (patch: Partial<DeploymentJson> = {}): DeploymentJson => ({
  id: "d1",
  environmentId: "local",
  tenant: "acme-health",
  stage: "update-processor",
  revision: 3,
  action: "scale",
  version: "1",
  config: {},
  replicas: 3,
  state: "ROLLING_OUT",
  reason: "",
  rollbackOf: null,
  requestedBy: "ops",
  requestedById: null,
  approvedBy: null,
  message: null,
  createdAt: "2026-12-04T10:00:00.000Z",
  finishedAt: null,
  ...patch,
});

const instance = (replica: number, revision: number, ready: boolean, state = "running") => ({
  instanceId: `i${replica}`,
  replica,
  revision,
  state,
  pid: 1,
  restarts: 0,
  lastExit: null,
  ready,
});

const target = (patch: {
  desired?: Partial<DeploymentJson>;
  instances?: TargetJson["instances"];
  health?: TargetJson["status"]["health"];
}): TargetJson => ({
  environmentId: "local",
  tenant: "acme-health",
  stage: "update-processor",
  pool: false,
  tenants: ["acme-health"],
  otherTenants: 0,
  groups: [{ tenant: "acme-health", groupId: "sync.acme-health.update-processor", members: null }],
  desired: deployment(patch.desired),
  inFlight: null,
  status: { health: patch.health ?? "Progressing", sync: "OutOfSync", reason: "", running: 0, ready: 0, drift: [] },
  groupMembers: null,
  instances: patch.instances ?? [],
  permissions: { deploy: true, approve: false, environmentDenied: null },
});

describe("rolloutProgress", () => {
  it("counts the instances on the desired revision that are ready, of the desired replicas", () => {
    const progress = rolloutProgress(
      target({ instances: [instance(1, 3, true), instance(2, 3, false), instance(3, 2, true)] }),
    );
    expect(progress).toEqual({
      value: 1,
      max: 3,
      label: "rev 3: 1 of 3 replicas updated and ready, 1 starting, 1 on an earlier revision",
      tone: "progress",
    });
  });

  it("is done when every desired replica is updated and ready, even before the old ones stop", () => {
    const progress = rolloutProgress(
      target({ desired: { replicas: 1 }, instances: [instance(1, 3, true), instance(2, 2, true)] }),
    );
    expect(progress).toMatchObject({
      value: 1,
      max: 1,
      tone: "done",
      label: "rev 3: 1 of 1 replica updated and ready, 1 on an earlier revision",
    });
  });

  it("ignores stopped instances and shows a degraded rollout as failing", () => {
    const progress = rolloutProgress(
      target({ health: "Degraded", instances: [instance(1, 3, false, "restarting"), instance(2, 3, true, "stopped")] }),
    );
    expect(progress).toMatchObject({
      value: 0,
      max: 3,
      tone: "failed",
      label: "rev 3: 0 of 3 replicas updated and ready, 1 starting",
    });
  });

  it("shows nothing for a settled target or one stopped on request", () => {
    expect(
      rolloutProgress(
        target({ desired: { state: "SUCCEEDED" }, health: "Healthy", instances: [instance(1, 3, true)] }),
      ),
    ).toBeNull();
    expect(rolloutProgress(target({ desired: { replicas: 0 }, instances: [instance(1, 3, true)] }))).toBeNull();
  });
});
