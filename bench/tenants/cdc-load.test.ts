import type { Producer, ProducerBatch } from "kafkajs";
import { describe, expect, it } from "vitest";
import { prime, tenantLoad } from "./cdc-load";

/** A producer that keeps what it is asked to send. */
function keepingProducer() {
  const batches: ProducerBatch[] = [];
  const producer = {
    sendBatch: async (batch: ProducerBatch) => {
      batches.push(batch);
      return [];
    },
  } as unknown as Producer;
  return { producer, batches };
}

describe("prime", () => {
  it("sends every tenant's first changes until both of its CDC topics have ten, in workload order", async () => {
    const { producer, batches } = keepingProducer();
    const loads = [tenantLoad("t-a", 2, 1_000), tenantLoad("t-b", 2, 1_001), tenantLoad("t-h", 500, 1)];
    const sent = await prime(producer, loads);

    const byTopic = new Map<string, string[]>();
    for (const batch of batches)
      for (const { topic, messages } of batch.topicMessages ?? [])
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages.map((m) => String(m.value))]);
    expect([...byTopic.keys()].sort()).toEqual(
      ["t-a", "t-b", "t-h"].flatMap((t) => [`sync.${t}.cdc.claims`, `sync.${t}.cdc.members`]).sort(),
    );
    for (const values of byTopic.values()) {
      expect(values.length).toBeGreaterThanOrEqual(10);
      const lsns = values.map((v) => (JSON.parse(v) as { source: { lsn: number } }).source.lsn);
      expect(lsns).toEqual([...lsns].sort((a, b) => a - b)); // a topic's changes in the order they were made
    }
    expect(sent).toBe([...byTopic.values()].reduce((n, v) => n + v.length, 0));
    // the workload remembers them, so the bench's lost/duplicated check counts them too
    for (const load of loads) expect(load.work.memberLsn.length).toBeGreaterThanOrEqual(10);
  });
});
