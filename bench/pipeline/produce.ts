/** Producing the workload: all of it up front (throughput, poison), or at a fixed rate (latency). */
import type { Producer } from "kafkajs";
import { PRODUCE_CHUNK, sleep } from "./config";
import type { Workload } from "./workload";

export async function preload(producer: Producer, work: Workload, count: number): Promise<void> {
  // One send at a time: concurrent sends may reach the broker out of order, and a claim ahead of
  // its member's first upsert would (rightly) go to the retry topic, which nothing drains here.
  // The next chunk is built while the previous one is in flight.
  let pending: Promise<unknown> | undefined;
  for (let sent = 0; sent < count;) {
    const n = Math.min(PRODUCE_CHUNK, count - sent);
    const now = Date.now();
    const messages = Array.from({ length: n }, () => work.message(now));
    await pending;
    pending = producer.send({ topic: work.topics.updates, acks: -1, messages });
    sent += n;
  }
  await pending;
}

/**
 * Offers `rate` records/s for `seconds`: every few milliseconds `send(count, now)` gets the records
 * now due (at most `maxPerSend`; the rest are due on the next turn), without waiting for the sends
 * before. Returns how many were offered; throws the first failed send.
 */
export async function offerAtRate(
  rate: number,
  seconds: number,
  send: (count: number, nowMs: number) => Promise<unknown>,
  maxPerSend = Number.POSITIVE_INFINITY,
): Promise<number> {
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  let failure: unknown;
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1000) break;
    const due = Math.min(maxPerSend, Math.floor((rate * elapsed) / 1000) - sent);
    if (due > 0) {
      const p = send(due, Date.now())
        .catch((error: unknown) => (failure = error))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      sent += due;
    }
    if (failure) throw failure;
    await sleep(5);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return sent;
}

/** Offers `rate` updates/s for `seconds`, each stamped with its send time. Returns how many. */
export const produceAtRate = (producer: Producer, work: Workload, rate: number, seconds: number): Promise<number> =>
  offerAtRate(rate, seconds, (count, now) =>
    producer.send({
      topic: work.topics.updates,
      acks: -1,
      messages: Array.from({ length: count }, () => work.message(now)),
    }),
  );
