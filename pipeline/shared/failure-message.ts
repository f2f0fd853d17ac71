/**
 * Builds the message written to a retry tier topic `sync.<tenant>.retry.<tier>` or `.dlq` for a message that failed: the
 * original key and value unchanged (so it can be replayed as it was), and the DESIGN.md headers.
 * A message that already carries our headers keeps its original topic/partition/offset and
 * first-failure time, so the DLQ says where the change entered the pipeline.
 */
import type { IHeaders, Message } from "kafkajs";
import { decodeFailureHeaders, encodeFailureHeaders } from "@/lib/contract/headers";

export interface FailedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
}

export interface Failure {
  /** failures so far, including this one */
  attempt: number;
  errorClass: string;
  errorMessage: string;
  stage: string;
  tenant: string;
  entity?: string;
  dueAt?: Date;
  now: Date;
}

export function failureMessage(original: FailedMessage, failure: Failure): Message {
  const previous = decodeFailureHeaders(original.headers);
  const headers = encodeFailureHeaders({
    attempt: failure.attempt,
    originalTopic: previous?.originalTopic ?? original.topic,
    originalPartition: previous?.originalPartition ?? original.partition,
    originalOffset: previous?.originalOffset ?? original.offset,
    firstFailedAt: previous?.firstFailedAt || failure.now.toISOString(),
    dueAt: failure.dueAt?.toISOString(),
    errorClass: failure.errorClass,
    errorMessage: failure.errorMessage,
    stage: failure.stage,
    tenant: failure.tenant,
    entity: failure.entity ?? previous?.entity,
  });
  return { key: original.key, value: original.value, headers };
}
