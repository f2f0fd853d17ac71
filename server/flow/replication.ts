/**
 * Replica health of a topic's partitions, from the broker's metadata (leader, replicas, ISR). Pure:
 * the caller fetches the metadata. A partition is under-replicated when fewer replicas are in sync
 * than it has (a broker is down or behind); offline when it has no leader (nothing can be read or
 * written). On a single-broker cluster every partition has one replica, in sync, so nothing shows.
 */
export type PartitionMetadata = {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
};

export type PartitionReplicas = {
  leader: number | null;
  replicas: number[];
  isr: number[];
  /** replicas not in the ISR: the brokers this partition waits for */
  outOfSync: number[];
  underReplicated: boolean;
  offline: boolean;
};

export type TopicReplication = { replicationFactor: number; underReplicated: number; offline: number };

export function partitionReplicas(p: PartitionMetadata): PartitionReplicas {
  const inSync = new Set(p.isr);
  const offline = p.leader < 0 || (p.offlineReplicas ?? []).includes(p.leader);
  return {
    leader: p.leader < 0 ? null : p.leader,
    replicas: [...p.replicas],
    isr: [...p.isr],
    outOfSync: p.replicas.filter((r) => !inSync.has(r)),
    underReplicated: p.isr.length < p.replicas.length,
    offline,
  };
}

export function topicReplication(partitions: PartitionReplicas[]): TopicReplication {
  return {
    replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length)),
    underReplicated: partitions.filter((p) => p.underReplicated).length,
    offline: partitions.filter((p) => p.offline).length,
  };
}

/** The words a topic node shows when its replicas are not all well; null when they are. */
export function replicationProblem(
  r: TopicReplication,
  partitions: number,
): { severity: "warn" | "err"; reason: string } | null {
  if (r.offline > 0) return { severity: "err", reason: `${r.offline} of ${partitions} partitions offline (no leader)` };
  if (r.underReplicated > 0)
    return { severity: "warn", reason: `${r.underReplicated} of ${partitions} partitions under-replicated` };
  return null;
}
