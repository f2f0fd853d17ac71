/**
 * The cdc-processor's batch handler: Debezium change events of one CDC partition → canonical
 * updates on `sync.<tenant>.updates` (key = member id) and fatal rows to `sync.<tenant>.dlq`, in
 * one acknowledged send; then the trail rows; only then are the offsets resolved and committed.
 * A crash anywhere before that re-reads the batch: duplicates downstream, which the apply ignores.
 * While the database is away the batch is held (hold-through-outage.ts), not re-produced in a loop.
 */
import type { EachBatchPayload, Message } from "kafkajs";
import { entityRef } from "@/lib/contract/canonical-update";
import { appendTrail, type TrailRow } from "../shared/event-trail";
import { failureMessage } from "../shared/failure-message";
import { holdThroughOutage } from "../shared/hold-through-outage";
import type { StageContext, StageDefinition } from "../shared/runner";
import { SOURCE_TABLES } from "@/lib/contract/topics";
import { handleCdcMessage } from "./handler";

const STAGE = "cdc-processor";

export const cdcProcessorStage: StageDefinition = {
  stage: "cdc-processor",
  subscriptions: (topics) => SOURCE_TABLES.map((table) => topics.cdc(table)),
  createBatchHandler: (ctx) => (payload) => handleBatch(ctx, payload),
};

async function handleBatch(ctx: StageContext, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  if (batch.isEmpty()) return;
  const tenant = ctx.config.tenant;
  const now = new Date();
  const updates: Message[] = [];
  const deadLetters: Message[] = [];
  const trail: TrailRow[] = [];
  for (const message of batch.messages) {
    const at = { topic: batch.topic, partition: batch.partition, offset: message.offset };
    const outcome = handleCdcMessage({ tenant, ...at, value: message.value });
    if (outcome.kind === "skip") continue;
    if (outcome.kind === "update") {
      const u = outcome.update;
      updates.push({ key: outcome.key, value: JSON.stringify(u) });
      trail.push({
        ...at,
        entityRef: entityRef(u),
        memberId: u.memberId,
        sourceLsn: u.sourceLsn,
        sourceTsMs: u.sourceTsMs,
        outcome: "produced",
        error: null,
      });
      continue;
    }
    const { errorClass, errorMessage, entity } = outcome;
    deadLetters.push(
      failureMessage(
        { ...at, key: message.key, value: message.value, headers: message.headers },
        { attempt: 1, errorClass, errorMessage, stage: STAGE, tenant, entity, now },
      ),
    );
    if (entity) {
      trail.push({
        ...at,
        entityRef: entity,
        memberId: outcome.memberId ?? null,
        sourceLsn: null,
        sourceTsMs: null,
        outcome: "dead_lettered",
        error: `${errorClass}: ${errorMessage}`,
      });
    }
  }
  const topicMessages = [
    { topic: ctx.topics.updates, messages: updates },
    { topic: ctx.topics.dlq, messages: deadLetters },
  ].filter((t) => t.messages.length > 0);
  if (topicMessages.length) await ctx.producer.sendBatch({ topicMessages, acks: -1 });
  const recorded = await holdThroughOutage(ctx, payload, (client) => appendTrail(client, tenant, STAGE, trail));
  if (recorded === undefined) return; // stopping while the database is away: read again, produce again (harmless)

  payload.resolveOffset(batch.lastOffset());
  await payload.commitOffsetsIfNecessary();
  ctx.heartbeat.add({ consumed: batch.messages.length, produced: updates.length, deadLettered: deadLetters.length });
}
