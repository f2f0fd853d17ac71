/**
 * One producer shared by a pool's tenants sends one request at a time (idempotence keeps
 * maxInFlightRequests at 1), so with hundreds of tenants each sending its own small batch, every
 * send queued behind the others' round trips. Coalescing: a send made while another is in flight
 * waits for it, then goes out in one request with every other send that waited meanwhile. An idle
 * producer sends at once, as before.
 *
 * Sends are merged only when nothing in them could change by it: the same acks, timeout and
 * compression, and no topic in common (so a partition's record batch is never larger than one
 * caller made it, and one caller's messages to a partition stay together and in order). A send
 * that cannot join the next request waits for the one after. Each caller gets the answers for its
 * own topics; if the merged request fails, every caller in it gets the error, and does what it
 * would have done with its own failed send (its batch is read again: at-least-once).
 */
import type { ProducerBatch, RecordMetadata } from "kafkajs";

type Send = (batch: ProducerBatch) => Promise<RecordMetadata[]>;

interface Waiting {
  batch: ProducerBatch;
  topics: Set<string>;
  bytes: number;
  resolve: (answers: RecordMetadata[]) => void;
  reject: (error: unknown) => void;
}

const topicsOf = (batch: ProducerBatch) => new Set((batch.topicMessages ?? []).map((t) => t.topic));

const sizeOf = (batch: ProducerBatch) =>
  (batch.topicMessages ?? []).reduce(
    (sum, t) => sum + t.messages.reduce((n, m) => n + byteLength(m.value) + byteLength(m.key), 0),
    0,
  );

const byteLength = (data: Buffer | string | null | undefined) =>
  data == null ? 0 : typeof data === "string" ? Buffer.byteLength(data) : data.length;

const sameSettings = (a: ProducerBatch, b: ProducerBatch) =>
  a.acks === b.acks && a.timeout === b.timeout && a.compression === b.compression;

/**
 * The sends of the next request: the first waiting one, and each later one with its settings and
 * no topic the request already has. Pure; exported for its test.
 */
export function nextRequest<T extends { batch: ProducerBatch; topics: Set<string>; bytes: number }>(
  waiting: readonly T[],
  maxBytes: number,
): T[] {
  const first = waiting[0];
  if (!first) return [];
  const taken = [first];
  const topics = new Set(first.topics);
  let bytes = first.bytes;
  for (const send of waiting.slice(1)) {
    if (bytes + send.bytes > maxBytes) continue;
    if (!sameSettings(first.batch, send.batch) || [...send.topics].some((t) => topics.has(t))) continue;
    taken.push(send);
    bytes += send.bytes;
    for (const topic of send.topics) topics.add(topic);
  }
  return taken;
}

export interface CoalesceOptions {
  /**
   * keys and values of the sends merged into one request at most (a send larger than this goes
   * alone); default 1 MiB
   */
  maxBytes?: number;
}

const MAX_BYTES = 1024 * 1024;

export function coalesceSends(send: Send, options: CoalesceOptions = {}): Send {
  const waiting: Waiting[] = [];
  let inFlight = false;

  const flush = () => {
    if (inFlight || waiting.length === 0) return;
    const taken = nextRequest(waiting, options.maxBytes ?? MAX_BYTES);
    for (const s of taken) waiting.splice(waiting.indexOf(s), 1);
    inFlight = true;
    const { acks, timeout, compression } = taken[0]!.batch;
    send({ acks, timeout, compression, topicMessages: taken.flatMap((s) => s.batch.topicMessages ?? []) })
      .then(
        (answers) => {
          for (const s of taken) s.resolve(answers.filter((a) => s.topics.has(a.topicName)));
        },
        (error: unknown) => {
          for (const s of taken) s.reject(error);
        },
      )
      .finally(() => {
        inFlight = false;
        flush();
      });
  };

  return (batch) =>
    new Promise<RecordMetadata[]>((resolve, reject) => {
      waiting.push({ batch, topics: topicsOf(batch), bytes: sizeOf(batch), resolve, reject });
      flush();
    });
}
