import type { ProducerBatch, RecordMetadata } from "kafkajs";
import { describe, expect, it } from "vitest";
import { coalesceSends, nextRequest } from "./coalesce-sends";

const batch = (topics: string[], acks = -1, value = "v"): ProducerBatch => ({
  acks,
  topicMessages: topics.map((topic) => ({ topic, messages: [{ key: "k", value }] })),
});

const answer = (topicName: string): RecordMetadata => ({ topicName, partition: 0, errorCode: 0 });

/** a send whose requests the test answers one at a time */
function fakeBroker() {
  const requests: Array<{ batch: ProducerBatch; answer: () => void; fail: (error: Error) => void }> = [];
  const send = (b: ProducerBatch) =>
    new Promise<RecordMetadata[]>((resolve, reject) =>
      requests.push({
        batch: b,
        answer: () => resolve((b.topicMessages ?? []).map((t) => answer(t.topic))),
        fail: reject,
      }),
    );
  return { requests, send };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesceSends", () => {
  it("sends at once when nothing is in flight", async () => {
    const broker = fakeBroker();
    const send = coalesceSends(broker.send);
    const sent = send(batch(["a"]));
    expect(broker.requests).toHaveLength(1);
    broker.requests[0]!.answer();
    expect(await sent).toEqual([answer("a")]);
  });

  it("merges the sends made while one is in flight into the next request, each answered for its own topics", async () => {
    const broker = fakeBroker();
    const send = coalesceSends(broker.send);
    const first = send(batch(["a"]));
    const second = send(batch(["b", "c"]));
    const third = send(batch(["d"]));
    expect(broker.requests).toHaveLength(1);
    broker.requests[0]!.answer();
    await first;
    await settle();
    expect(broker.requests).toHaveLength(2);
    expect(broker.requests[1]!.batch.topicMessages!.map((t) => t.topic)).toEqual(["b", "c", "d"]);
    broker.requests[1]!.answer();
    expect(await second).toEqual([answer("b"), answer("c")]);
    expect(await third).toEqual([answer("d")]);
  });

  it("keeps a send sharing a topic with the request, or with other settings, for the request after, in order", async () => {
    const broker = fakeBroker();
    const send = coalesceSends(broker.send);
    void send(batch(["x"]));
    const a1 = send(batch(["a"]));
    const a2 = send(batch(["a"]));
    const noAcks = send(batch(["b"], 0));
    const c = send(batch(["c"]));
    broker.requests[0]!.answer();
    await settle();
    expect(broker.requests[1]!.batch.topicMessages!.map((t) => t.topic)).toEqual(["a", "c"]);
    broker.requests[1]!.answer();
    await Promise.all([a1, c]);
    await settle();
    expect(broker.requests[2]!.batch.topicMessages!.map((t) => t.topic)).toEqual(["a"]);
    broker.requests[2]!.answer();
    await a2;
    await settle();
    expect(broker.requests[3]!.batch).toMatchObject({ acks: 0, topicMessages: [{ topic: "b" }] });
    broker.requests[3]!.answer();
    await noAcks;
  });

  it("fails every send of a failed request, and sends the next ones afterwards", async () => {
    const broker = fakeBroker();
    const send = coalesceSends(broker.send);
    const first = send(batch(["a"]));
    const second = send(batch(["b"]));
    const third = send(batch(["c"]));
    broker.requests[0]!.answer();
    await first;
    await settle();
    broker.requests[1]!.fail(new Error("broker gone"));
    await expect(second).rejects.toThrow("broker gone");
    await expect(third).rejects.toThrow("broker gone");
    const fourth = send(batch(["d"]));
    expect(broker.requests).toHaveLength(3);
    broker.requests[2]!.answer();
    expect(await fourth).toEqual([answer("d")]);
  });
});

describe("nextRequest", () => {
  const waiting = (topics: string[], bytes: number) => ({ batch: batch(topics), topics: new Set(topics), bytes });

  it("bounds a request's bytes, but always takes the first send however large", () => {
    const big = waiting(["a"], 5_000);
    const small = waiting(["b"], 10);
    const other = waiting(["c"], 990);
    expect(nextRequest([big, small], 1_000)).toEqual([big]);
    expect(nextRequest([small, big, other], 1_000)).toEqual([small, other]);
  });
});
