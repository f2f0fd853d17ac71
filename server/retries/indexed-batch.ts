/** What the DLQ indexer (server/workers/dlq-indexer.worker.ts) stores of a batch, and what it commits after. Pure. */
import type { EachBatchPayload } from "kafkajs";
import { headersAsText, parseQueueRecord, type IndexedRecord } from "./parse-record";

export function toIndexedRecords(payload: Pick<EachBatchPayload, "batch">): IndexedRecord[] {
  const { batch } = payload;
  const records: IndexedRecord[] = [];
  for (const m of batch.messages) {
    const record = parseQueueRecord({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      timestampMs: Number(m.timestamp),
      key: m.key?.toString("utf8") ?? null,
      value: m.value,
      headers: headersAsText(m.headers),
    });
    if (record) records.push(record);
  }
  return records;
}

/** The commit after a stored batch: Kafka's committed offset is the next one to read. */
export function nextToRead(batch: Pick<EachBatchPayload["batch"], "topic" | "partition" | "lastOffset">) {
  return { topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() };
}
