import { describe, expect, it } from "vitest";
import type { TargetStatus } from "./health";
import { combineStatus, type PlatformState } from "./target-status";

const beats = (patch: Partial<TargetStatus> = {}): TargetStatus => ({
  health: "Healthy",
  sync: "Synced",
  reason: "3 of 3 instance(s) ready",
  running: 3,
  ready: 3,
  ...patch,
});
const platform = (patch: Partial<PlatformState> = {}): PlatformState => ({
  health: "Healthy",
  reason: "3 of 3 pod(s) ready",
  drift: [],
  ...patch,
});
const crashLoop =
  "pod acme-cdc-processor-1: container processor keeps exiting and is restarted with back-off (CrashLoopBackOff)";

describe("combineStatus", () => {
  it("is the heartbeats' status when the driver reports nothing", () => {
    expect(combineStatus(beats(), null)).toEqual({ ...beats(), drift: [] });
  });

  it("keeps the heartbeats' reason when both say Healthy", () => {
    expect(combineStatus(beats(), platform())).toEqual({ ...beats(), drift: [] });
  });

  it("lets the platform's Degraded, with its reason, win over heartbeat-derived Healthy", () => {
    expect(combineStatus(beats(), platform({ health: "Degraded", reason: crashLoop }))).toMatchObject({
      health: "Degraded",
      reason: crashLoop,
      sync: "Synced",
      ready: 3,
    });
  });

  it("prefers the platform's reason when both say Degraded (it names the container's state)", () => {
    const combined = combineStatus(
      beats({ health: "Degraded", reason: "pod-1 exited (Error (exit code 1)); restarting with backoff" }),
      platform({ health: "Degraded", reason: crashLoop }),
    );
    expect(combined.reason).toBe(crashLoop);
  });

  it("never softens the heartbeats: their Degraded stays when the platform says Healthy or Progressing", () => {
    const silent = beats({ health: "Degraded", reason: "pod-1 has sent no heartbeat for 90 s" });
    expect(combineStatus(silent, platform())).toMatchObject({ health: "Degraded", reason: silent.reason });
    expect(combineStatus(silent, platform({ health: "Progressing", reason: "1 of 3 pod(s) ready" }))).toMatchObject({
      health: "Degraded",
      reason: silent.reason,
    });
  });

  it("shows Missing and Progressing from the platform over Healthy", () => {
    expect(combineStatus(beats(), platform({ health: "Missing", reason: "there is no Deployment x" }))).toMatchObject({
      health: "Missing",
      reason: "there is no Deployment x",
    });
    expect(
      combineStatus(beats(), platform({ health: "Progressing", reason: "1 of 3 pod(s) run the new template" })),
    ).toMatchObject({ health: "Progressing", reason: "1 of 3 pod(s) run the new template" });
  });

  it("is OutOfSync with the fields when the platform reports drift", () => {
    const drift = [{ path: "spec.replicas", applied: "3", live: "5" }];
    expect(combineStatus(beats(), platform({ drift }))).toMatchObject({
      health: "Healthy",
      sync: "OutOfSync",
      drift,
    });
  });

  it("stays Unknown while the agent is silent: its last platform row is stale too", () => {
    const unknown = beats({ health: "Unknown", reason: "the environment's agent has not reported for 60 s" });
    expect(combineStatus(unknown, platform({ health: "Degraded", reason: crashLoop }))).toEqual({
      ...unknown,
      drift: [],
    });
  });
});
