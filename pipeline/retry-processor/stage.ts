/**
 * The retry-processor: reads the tenant's retry tier topics `sync.<tenant>.retry.<tier>` (one per
 * delay of the schedule) in order per partition. A due message goes back to
 * `sync.<tenant>.updates` with its attempt incremented; an exhausted one (or one without our
 * headers) goes to the DLQ. The first message not yet due stops its topic-partition only:
 * everything before it is sent and committed, that partition is paused and sought back to the
 * message, and resumed at its due time — every other partition, of this tier and of the others,
 * keeps flowing meanwhile. Every record of a tier waits the same delay and they are appended in
 * failure order, so the ones behind the head are due no earlier: nothing waits behind a later one.
 *
 * It also reads the single `sync.<tenant>.retry` topic of earlier versions, if it exists when the
 * processor starts, so records written there before an upgrade are still retried; nothing writes
 * to it any more, and once it is empty it can be deleted.
 */
import type { EachBatchPayload, KafkaMessage, Message } from "kafkajs";
import { appendTrail, type TrailRow } from "../shared/event-trail";
import { createMissingRetryTiers } from "@/lib/kafka/ensure-topics";
import { failureMessage } from "../shared/failure-message";
import { holdThroughOutage } from "../shared/hold-through-outage";
import { decodeFailureHeaders, encodeFailureHeaders, type FailureHeaders } from "@/lib/contract/headers";
import { decideRetry, parseRetrySchedule, type RetrySchedule } from "@/lib/contract/retry-schedule";
import type { StageContext, StageDefinition } from "../shared/runner";

const STAGE = "retry-processor";
const resumeTimers = new Set<NodeJS.Timeout>();
/**
 * Per partition, the first offset not yet handled by this process. kafkajs may hand over a batch
 * it fetched before a pause/seek (or fetch the same range twice around a resume); messages below
 * this mark were already forwarded or dead-lettered here, so they are skipped, not sent twice.
 */
const nextOffset = new Map<string, bigint>();

/** A pattern that matches one topic name: subscribes to it only if it exists (never creates it). */
const exactly = (topic: string) => new RegExp(`^${topic.replaceAll(".", "\\.")}$`);

export const retryProcessorStage: StageDefinition = {
  stage: "retry-processor",
  subscriptions: (topics, env) => [...topics.retryTiers(parseRetrySchedule(env).delaysMs), exactly(topics.legacyRetry)],
  prepare: createMissingRetryTiers,
  createBatchHandler: (ctx) => {
    const schedule = parseRetrySchedule(ctx.env);
    return (payload) => handleBatch(ctx, schedule, payload);
  },
  onStop: () => {
    for (const timer of resumeTimers) clearTimeout(timer);
    resumeTimers.clear();
    nextOffset.clear();
  },
};

interface Routed {
  forward: Message[];
  deadLetter: Message[];
  trail: TrailRow[];
  /** last offset handled (to resolve); undefined when the first message already waits */
  lastHandled?: string;
  waiting?: { offset: string; waitMs: number };
}

/** Pure routing of a partition's batch up to the first message not yet due. */
export function routeRetryBatch(
  tenant: string,
  at: { topic: string; partition: number },
  messages: readonly KafkaMessage[],
  schedule: RetrySchedule,
  now: Date,
): Routed {
  const routed: Routed = { forward: [], deadLetter: [], trail: [] };
  for (const message of messages) {
    const original = {
      ...at,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers,
    };
    const failure = decodeFailureHeaders(message.headers);
    const trail = (outcome: TrailRow["outcome"], error: string | null): TrailRow | undefined =>
      failure?.entity
        ? {
            ...at,
            offset: message.offset,
            entityRef: failure.entity,
            memberId: message.key?.toString() ?? null,
            sourceLsn: null,
            sourceTsMs: null,
            outcome,
            error,
          }
        : undefined;
    if (!failure) {
      routed.deadLetter.push(
        failureMessage(original, {
          attempt: 1,
          errorClass: "MissingRetryHeaders",
          errorMessage: "a retry message must carry the sync-* headers",
          stage: STAGE,
          tenant,
          now,
        }),
      );
      routed.lastHandled = message.offset;
      continue;
    }
    const decision = decideRetry(
      {
        attempt: failure.attempt,
        dueAt: failure.dueAt ? new Date(failure.dueAt) : undefined,
        writtenAt: new Date(Number(message.timestamp)),
        now,
      },
      schedule,
    );
    if (decision.kind === "wait") {
      routed.waiting = { offset: message.offset, waitMs: decision.waitMs };
      break;
    }
    if (decision.kind === "forward") {
      routed.forward.push({
        key: message.key,
        value: message.value,
        headers: forwardHeaders(failure, decision.nextAttempt),
      });
      pushDefined(routed.trail, trail("produced", null));
    } else {
      const errorMessage = `${decision.reason}; last error: ${failure.errorMessage}`;
      routed.deadLetter.push(
        failureMessage(original, {
          attempt: failure.attempt,
          errorClass: failure.errorClass,
          errorMessage,
          stage: STAGE,
          tenant,
          now,
        }),
      );
      pushDefined(routed.trail, trail("dead_lettered", `${failure.errorClass}: ${errorMessage}`));
    }
    routed.lastHandled = message.offset;
  }
  return routed;
}

/** Back on the updates topic the message says which attempt it is; its failure history stays. */
function forwardHeaders(failure: FailureHeaders, nextAttempt: number): Record<string, string> {
  return encodeFailureHeaders({ ...failure, attempt: nextAttempt, dueAt: undefined });
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

async function handleBatch(ctx: StageContext, schedule: RetrySchedule, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  if (batch.isEmpty() || payload.isStale()) return;
  const at = { topic: batch.topic, partition: batch.partition };
  const mark = `${batch.topic}:${batch.partition}`;
  const from = nextOffset.get(mark) ?? -1n;
  const fresh = batch.messages.filter((m) => BigInt(m.offset) >= from);
  if (fresh.length === 0) return;
  const routed = routeRetryBatch(ctx.config.tenant, at, fresh, schedule, new Date());
  const topicMessages = [
    { topic: ctx.topics.updates, messages: routed.forward },
    { topic: ctx.topics.dlq, messages: routed.deadLetter },
  ].filter((t) => t.messages.length > 0);
  if (topicMessages.length) await ctx.producer.sendBatch({ topicMessages, acks: -1 });
  const recorded = await holdThroughOutage(ctx, payload, (client) =>
    appendTrail(client, ctx.config.tenant, STAGE, routed.trail),
  );
  if (recorded === undefined) return; // stopping while the database is away: read again (forwarding twice is harmless)
  if (routed.lastHandled !== undefined) {
    nextOffset.set(mark, BigInt(routed.lastHandled) + 1n);
    payload.resolveOffset(routed.lastHandled);
    await payload.commitOffsetsIfNecessary();
  }
  ctx.heartbeat.add({
    consumed: routed.forward.length + routed.deadLetter.length,
    produced: routed.forward.length,
    deadLettered: routed.deadLetter.length,
  });
  if (routed.waiting) {
    const resume = payload.pause();
    ctx.consumer.seek({ ...at, offset: routed.waiting.offset });
    const timer = setTimeout(() => {
      resumeTimers.delete(timer);
      resume();
    }, routed.waiting.waitMs);
    resumeTimers.add(timer);
  }
}
