import { describe, expect, it } from "vitest";
import { evaluateTarget, type ObservedInstance, type TargetObservation } from "./health";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const instance = (id: string, patch: Partial<ObservedInstance> = {}): ObservedInstance => ({
  instanceId: id,
  revision: 2,
  state: "running",
  startedAt: ago(120),
  lastExit: null,
  lastExitAt: null,
  lastBeatAt: ago(2),
  ...patch,
});
const observe = (patch: Partial<TargetObservation>): TargetObservation => ({
  desiredReplicas: 2,
  desiredRevision: 2,
  instances: [instance("a"), instance("b")],
  groupMembers: 2,
  agentSeenAt: ago(1),
  now,
  ...patch,
});

describe("evaluateTarget", () => {
  it("is Healthy and Synced when every desired instance beats and the group is complete", () => {
    expect(evaluateTarget(observe({}))).toEqual({
      health: "Healthy",
      sync: "Synced",
      reason: "2 of 2 instance(s) ready",
      running: 2,
      ready: 2,
    });
  });

  it("is Unknown when the agent went silent", () => {
    expect(evaluateTarget(observe({ agentSeenAt: ago(60) }))).toMatchObject({
      health: "Unknown",
      reason: expect.stringContaining("60 s"),
    });
    expect(evaluateTarget(observe({ agentSeenAt: null })).health).toBe("Unknown");
  });

  it("is Suspended when stopped, Progressing while stopping", () => {
    expect(evaluateTarget(observe({ desiredReplicas: 0, instances: [] })).health).toBe("Suspended");
    expect(evaluateTarget(observe({ desiredReplicas: 0 })).health).toBe("Progressing");
  });

  it("is Missing when nothing runs", () => {
    expect(evaluateTarget(observe({ instances: [] }))).toMatchObject({ health: "Missing", sync: "OutOfSync" });
  });

  it("is Degraded while a crashed instance waits for its restart and until it beats again", () => {
    const crashed = instance("b", { state: "restarting", lastExit: "SIGKILL", lastExitAt: ago(1) });
    expect(evaluateTarget(observe({ instances: [instance("a"), crashed] }))).toMatchObject({
      health: "Degraded",
      reason: expect.stringContaining("SIGKILL"),
    });
    const restarted = instance("b", {
      startedAt: ago(3),
      lastBeatAt: ago(10),
      lastExit: "SIGKILL",
      lastExitAt: ago(4),
    });
    expect(evaluateTarget(observe({ instances: [instance("a"), restarted] }))).toMatchObject({
      health: "Degraded",
      reason: expect.stringContaining("waiting for its heartbeat"),
    });
  });

  it("is Degraded when a long-running instance stopped beating", () => {
    expect(
      evaluateTarget(observe({ instances: [instance("a"), instance("b", { lastBeatAt: ago(90) })] })),
    ).toMatchObject({
      health: "Degraded",
      reason: "b has sent no heartbeat for 90 s",
    });
  });

  it("is Degraded while an instance has a tenant's partitions paused after failures, with the error", () => {
    const paused = instance("b", {
      pausedUntil: new Date(now.getTime() + 8_000),
      failuresInRow: 3,
      lastError: "acme-health: canceling statement due to lock timeout",
    });
    expect(evaluateTarget(observe({ instances: [instance("a"), paused] }))).toMatchObject({
      health: "Degraded",
      reason:
        "b paused its partitions after 3 failure(s) in a row, resuming in 8 s: acme-health: canceling statement due to lock timeout",
    });
    // a pause that is over is not reported
    const over = instance("b", { pausedUntil: ago(1), failuresInRow: 3 });
    expect(evaluateTarget(observe({ instances: [instance("a"), over] })).health).toBe("Healthy");
  });

  it("is Progressing while new instances start, extra ones stop, or the group rebalances", () => {
    expect(
      evaluateTarget(
        observe({
          desiredReplicas: 3,
          instances: [instance("a"), instance("b"), instance("c", { startedAt: ago(2), lastBeatAt: null })],
        }),
      ),
    ).toMatchObject({
      health: "Progressing",
      reason: "2 of 3 instance(s) ready",
    });
    expect(evaluateTarget(observe({ desiredReplicas: 1 }))).toMatchObject({ health: "Progressing", sync: "OutOfSync" });
    expect(evaluateTarget(observe({ groupMembers: 1 }))).toMatchObject({
      health: "Progressing",
      reason: expect.stringContaining("rebalancing"),
    });
    expect(evaluateTarget(observe({ desiredRevision: 3 }))).toMatchObject({ health: "Progressing", sync: "OutOfSync" });
  });
});
