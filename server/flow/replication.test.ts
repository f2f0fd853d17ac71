import { describe, expect, it } from "vitest";
import { partitionReplicas, replicationProblem, topicReplication } from "./replication";

describe("partition replicas", () => {
  it("is healthy when every replica is in sync", () => {
    const p = partitionReplicas({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [3, 1, 2] });
    expect(p).toMatchObject({ leader: 1, outOfSync: [], underReplicated: false, offline: false });
  });

  it("names the replicas a partition waits for when a broker is down", () => {
    const p = partitionReplicas({ partitionId: 1, leader: 2, replicas: [1, 2, 3], isr: [2, 3] });
    expect(p).toMatchObject({ outOfSync: [1], underReplicated: true, offline: false });
  });

  it("is offline without a leader, or when the leader is an offline replica", () => {
    expect(partitionReplicas({ partitionId: 0, leader: -1, replicas: [1], isr: [] })).toMatchObject({
      leader: null,
      offline: true,
      underReplicated: true,
    });
    expect(
      partitionReplicas({ partitionId: 0, leader: 1, replicas: [1, 2], isr: [1, 2], offlineReplicas: [1] }).offline,
    ).toBe(true);
  });
});

describe("topic replication", () => {
  const healthy = partitionReplicas({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] });
  const under = partitionReplicas({ partitionId: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 3] });
  const offline = partitionReplicas({ partitionId: 2, leader: -1, replicas: [1], isr: [] });

  it("counts under-replicated and offline partitions", () => {
    expect(topicReplication([healthy, under, offline])).toEqual({
      replicationFactor: 3,
      underReplicated: 2,
      offline: 1,
    });
  });

  it("says nothing when all is well, warns when under-replicated, errs when offline", () => {
    expect(replicationProblem(topicReplication([healthy]), 1)).toBeNull();
    expect(replicationProblem(topicReplication([healthy, under]), 2)).toEqual({
      severity: "warn",
      reason: "1 of 2 partitions under-replicated",
    });
    expect(replicationProblem(topicReplication([healthy, offline]), 2)).toEqual({
      severity: "err",
      reason: "1 of 2 partitions offline (no leader)",
    });
  });

  it("a single-broker topic is never under-replicated", () => {
    const single = partitionReplicas({ partitionId: 0, leader: 1, replicas: [1], isr: [1] });
    expect(replicationProblem(topicReplication([single, single]), 2)).toBeNull();
  });
});
