/**
 * What a replay writes back into the pipeline for one indexed DLQ record. Pure.
 *
 * - `retry`: the tenant's first retry tier topic (the shortest delay) as attempt 1, due now — the retry-processor forwards it to
 *   the updates topic at once, and a failure starts the retry schedule from its first step.
 * - `original`: the topic the change entered the pipeline on, without failure headers (a first
 *   delivery again). Only a topic of the same tenant, never a retry or DLQ topic, is accepted.
 *
 * Either way the key and value are the original bytes, so the update-processor's LSN guard decides:
 * replaying twice applies once, and an older change never overwrites a newer one.
 */
import type { Message } from "kafkajs";
import { encodeFailureHeaders } from "@/lib/contract/headers";
import { DEFAULT_RETRY_DELAYS_MS } from "@/lib/contract/retry-schedule";
import { retryTopicInfo, tenantTopics } from "@/lib/contract/topics";

export type ReplayTarget = "retry" | "original";

export interface ReplayRow {
  id: string;
  tenant: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  entity: string | null;
  errorClass: string;
  errorMessage: string;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  firstFailedAt: Date | null;
  payload: Buffer | null;
}

export const REPLAYED_FROM_HEADER = "sync-replayed-from";

export type ReplayPlan = { kind: "send"; topic: string; message: Message } | { kind: "skip"; reason: string };

/** The original topic a record may go back to, or why it may not. */
export function originalTarget(
  row: Pick<ReplayRow, "tenant" | "originalTopic">,
): { topic: string } | { reason: string } {
  const topics = tenantTopics(row.tenant);
  const topic = row.originalTopic;
  if (!topic) return { reason: "the record names no original topic" };
  if (!topic.startsWith(topics.prefix))
    return { reason: `original topic ${topic} is not one of tenant ${row.tenant}'s topics` };
  if (retryTopicInfo(topic) || topic === topics.dlq)
    return { reason: `original topic ${topic} is a retry or dead-letter topic` };
  return { topic };
}

/** `delaysMs`: the retry schedule's delays (RETRY_DELAYS_MS), whose shortest tier a `retry` replay enters. */
export function planReplay(
  row: ReplayRow,
  target: ReplayTarget,
  now: Date,
  delaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
): ReplayPlan {
  if (row.payload === null) return { kind: "skip", reason: "the record has no payload (a tombstone)" };
  const from = `${row.topic}:${row.partition}:${row.offset}`;
  if (target === "original") {
    const resolved = originalTarget(row);
    if ("reason" in resolved) return { kind: "skip", reason: resolved.reason };
    return {
      kind: "send",
      topic: resolved.topic,
      message: { key: row.key, value: row.payload, headers: { [REPLAYED_FROM_HEADER]: from } },
    };
  }
  const topics = tenantTopics(row.tenant);
  const headers = encodeFailureHeaders({
    attempt: 1,
    originalTopic: row.originalTopic ?? topics.updates,
    originalPartition: row.originalPartition ?? -1,
    originalOffset: row.originalOffset ?? "",
    firstFailedAt: (row.firstFailedAt ?? now).toISOString(),
    dueAt: now.toISOString(),
    errorClass: row.errorClass,
    errorMessage: `replayed from the dead-letter topic; last error: ${row.errorMessage}`,
    stage: "replay",
    tenant: row.tenant,
    entity: row.entity ?? undefined,
  });
  const [firstTier] = topics.retryTiers(delaysMs);
  if (!firstTier) return { kind: "skip", reason: "the retry schedule has no delays" };
  return {
    kind: "send",
    topic: firstTier,
    message: { key: row.key, value: row.payload, headers: { ...headers, [REPLAYED_FROM_HEADER]: from } },
  };
}

/** How long to wait after `done` messages so that the job never exceeds `ratePerSec`. */
export function rateLimitWaitMs(done: number, ratePerSec: number, elapsedMs: number): number {
  return Math.max(0, Math.ceil((done / ratePerSec) * 1000 - elapsedMs));
}
