/**
 * How a consumer group's status is exported to Prometheus: one gauge per group whose value is a
 * level, so an alert is `syncdeck_consumer_group_status >= 2` and a status change never starts a
 * new series. Pure.
 *
 *   0  OK      consuming and keeping up (or caught up); a retry tier holding records on time
 *   1  WARN    consuming but falling behind, over the lag objective, or a held record overdue;
 *              REWIND (the committed offset went back: a reset or replay someone ran)
 *   2  STALL   members connected, offset not moving; STOP (no consumer, messages waiting);
 *              ERR (not sampled yet / no offsets)
 */
import { TENANT_SLUG_SOURCE } from "@/lib/contract/tenant-slug";
import { STAGES } from "@/lib/contract/topics";
import type { LagStatus } from "./burrow-status";

export const STATUS_LEVEL: Record<LagStatus, 0 | 1 | 2> = { OK: 0, WARN: 1, REWIND: 1, STALL: 2, STOP: 2, ERR: 2 };

/** Unknown strings (a status written by a newer version) count as the worst level. */
export function statusLevel(status: string): 0 | 1 | 2 {
  return STATUS_LEVEL[status as LagStatus] ?? 2;
}

const PIPELINE_GROUP = new RegExp(`^sync\\.(${TENANT_SLUG_SOURCE})\\.([a-z-]+)$`);

/**
 * The tenant and stage of a pipeline group (`sync.<tenant>.<stage>`); empty strings for any other
 * group of the cluster, which is still exported, so every series has the same label names.
 */
export function groupLabels(groupId: string): { group: string; tenant: string; stage: string } {
  const match = PIPELINE_GROUP.exec(groupId);
  const stage = match?.[2];
  if (!match || !stage || !(STAGES as readonly string[]).includes(stage))
    return { group: groupId, tenant: "", stage: "" };
  return { group: groupId, tenant: match[1]!, stage };
}
