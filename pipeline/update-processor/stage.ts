/**
 * The update-processor's batch handler: decode → plan → apply atomically (apply.ts) → route
 * UnknownMember claims to the retry topic of their attempt's delay tier, undecodable messages and rows the target rejects
 * (isolated by bisecting the batch, see isolate.ts) to retry or the DLQ → only then resolve
 * the batch's offsets. Transient database errors hold the batch and retry it in place (the group
 * session is kept alive with heartbeats); stopping meanwhile leaves it uncommitted, to be read
 * again by whoever owns the partition next.
 */
import type { EachBatchPayload, Message } from "kafkajs";
import { entityRef } from "@/lib/contract/canonical-update";
import { createMissingRetryTiers } from "@/lib/kafka/ensure-topics";
import { failureMessage } from "../shared/failure-message";
import { holdThroughOutage } from "../shared/hold-through-outage";
import { parseRetrySchedule, retryDelayMs, retryDueAt, type RetrySchedule } from "@/lib/contract/retry-schedule";
import type { StageContext, StageDefinition } from "../shared/runner";
import { applyPlan, STAGE, type UpdateItem } from "./apply";
import { rejectedRoute, rejectionReason } from "./isolate";
import { decodeUpdate, planBatch, toMessageRef } from "./plan";

export const updateProcessorStage: StageDefinition = {
  stage: "update-processor",
  subscriptions: (topics) => [topics.updates],
  prepare: createMissingRetryTiers,
  createBatchHandler: (ctx) => {
    const schedule = parseRetrySchedule(ctx.env);
    return (payload) => handleBatch(ctx, schedule, payload);
  },
};

async function handleBatch(ctx: StageContext, schedule: RetrySchedule, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  if (batch.isEmpty()) return;
  const tenant = ctx.config.tenant;
  const plan = planBatch(
    batch.messages.map((m) => decodeUpdate(toMessageRef(batch.topic, batch.partition, m), tenant)),
  );
  const held = await holdThroughOutage(ctx, payload, (client) => applyPlan(client, tenant, plan));
  if (!held) return; // stopping: nothing resolved, the batch is read again
  const result = held.value;

  const now = new Date();
  const unknownMember = (item: UpdateItem) => ({
    errorClass: "UnknownMember",
    errorMessage: `member ${item.update.memberId} is not in the target yet`,
  });
  const retries = result.unknownMember.map((item) => retryMessage(item, unknownMember(item), tenant, schedule, now));
  const deadLetters = plan.fatal.map((item) =>
    failureMessage(item.ref, {
      attempt: 1,
      errorClass: item.errorClass,
      errorMessage: item.errorMessage,
      stage: STAGE,
      tenant,
      entity: item.entity,
      now,
    }),
  );
  for (const { item, error } of result.rejected) {
    // The target refused this row: a constraint may hold later (retry), a value never fits (DLQ).
    const reason = rejectionReason(error);
    if (rejectedRoute(error) === "retry") retries.push(retryMessage(item, reason, tenant, schedule, now));
    else
      deadLetters.push(
        failureMessage(item.ref, {
          attempt: item.attempt,
          ...reason,
          stage: STAGE,
          tenant,
          entity: entityRef(item.update),
          now,
        }),
      );
  }
  const topicMessages = [
    ...byRetryTier(ctx, schedule, retries),
    { topic: ctx.topics.dlq, messages: deadLetters },
  ].filter((t) => t.messages.length > 0);
  if (topicMessages.length) await ctx.producer.sendBatch({ topicMessages, acks: -1 });

  payload.resolveOffset(batch.lastOffset());
  await payload.commitOffsetsIfNecessary();
  const appliedAtMs = now.getTime(); // the apply transaction committed just before `now`
  for (const sourceTsMs of result.appliedSourceTsMs) ctx.metrics.observeSourceToTarget(sourceTsMs, appliedAtMs);
  ctx.heartbeat.add({
    consumed: batch.messages.length,
    applied: result.applied,
    skipped: result.skippedStale,
    retried: retries.length,
    deadLettered: deadLetters.length,
  });
}

type RetryMessage = { attempt: number; message: Message };

/** Attempt n waits in the topic of delay n: every record of a tier topic waits the same time. */
function byRetryTier(
  ctx: StageContext,
  schedule: RetrySchedule,
  retries: RetryMessage[],
): Array<{ topic: string; messages: Message[] }> {
  const byTopic = new Map<string, Message[]>();
  for (const { attempt, message } of retries) {
    const topic = ctx.topics.retryTier(retryDelayMs(attempt, schedule));
    const messages = byTopic.get(topic) ?? [];
    messages.push(message);
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function retryMessage(
  item: UpdateItem,
  reason: { errorClass: string; errorMessage: string },
  tenant: string,
  schedule: RetrySchedule,
  now: Date,
): RetryMessage {
  const attempt = item.attempt; // this delivery failed: failures so far = its attempt number
  const message = failureMessage(item.ref, {
    attempt,
    ...reason,
    stage: STAGE,
    tenant,
    entity: entityRef(item.update),
    dueAt: retryDueAt(attempt, now, schedule),
    now,
  });
  return { attempt, message };
}
