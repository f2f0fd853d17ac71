import { KafkaJSNonRetriableError, type Batch, type EachBatchPayload } from "kafkajs";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log/logger";
import { createProcessorMetrics } from "./processor-metrics";
import { tenantLane, type TenantLaneOptions } from "./tenant-lane";
import type { Heartbeat } from "./heartbeat";

/** A batch of `count` messages from `first` on, as kafkajs hands it over, recording what the lane did with it. */
function fakeBatch(partition: number, first: number, count: number) {
  const messages = Array.from({ length: count }, (_, i) => ({ offset: String(first + i) }));
  const batch = {
    topic: "sync.acme.updates",
    partition,
    messages,
    isEmpty: () => messages.length === 0,
    firstOffset: () => messages[0]?.offset ?? null,
    lastOffset: () => String(first + count), // a control record after the last message
  } as unknown as Batch;
  const record = { paused: 0, resumed: 0 };
  const payload = {
    batch,
    pause: () => {
      record.paused++;
      return () => record.resumed++;
    },
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, record };
}

function lane(handle: TenantLaneOptions["handle"], options: Partial<TenantLaneOptions> = {}) {
  const failures: unknown[] = [];
  const beats = { count: 0 };
  const heartbeat = {
    recordError: (e: unknown) => failures.push(e),
    add: () => {},
    beat: async () => void (beats.count += 1),
  } as unknown as Heartbeat;
  const created = tenantLane({
    tenant: "acme",
    budget: null,
    pause: { baseMs: 1_000, maxMs: 4_000 },
    maxRate: null,
    heartbeat,
    metrics: createProcessorMetrics({ tenant: "acme", stage: "update-processor" }, "test"),
    logger: createLogger({ component: "processor" }, { env: { LOG_LEVEL: "fatal" } }),
    handle,
    ...options,
  });
  return { ...created, failures, beats };
}

describe("tenantLane", () => {
  it("hands a pooled tenant's batch over in turns of its budget; the last turn ends at the batch's last offset", async () => {
    const seen: Array<{ offsets: string[]; last: string }> = [];
    const { eachBatch } = lane(
      async ({ batch }) => {
        seen.push({ offsets: batch.messages.map((m) => m.offset), last: batch.lastOffset() });
      },
      { budget: 2 },
    );
    await eachBatch(fakeBatch(0, 10, 5).payload);
    expect(seen).toEqual([
      { offsets: ["10", "11"], last: "11" },
      { offsets: ["12", "13"], last: "13" },
      { offsets: ["14"], last: "15" },
    ]);
  });

  it("pauses the failing partition, then each other partition of the tenant as it comes, until the backoff is over", async () => {
    let now = 0;
    let fail = true;
    const handled: number[] = [];
    const { eachBatch, paused, stop, failures, beats } = lane(
      async ({ batch }) => {
        if (fail) throw Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" });
        handled.push(batch.partition);
      },
      { now: () => now },
    );
    const first = fakeBatch(0, 0, 3);
    await eachBatch(first.payload);
    expect(first.record.paused).toBe(1);
    expect(paused()).toEqual({ remainingMs: 1_000, failures: 1 });
    expect(failures).toHaveLength(1);
    expect(beats.count).toBe(1); // the heartbeat reports the pause at once

    now = 400;
    const other = fakeBatch(1, 0, 3);
    await eachBatch(other.payload); // not handled: paused for the rest of the tenant's pause
    expect(other.record.paused).toBe(1);
    expect(handled).toEqual([]);

    now = 1_000;
    fail = false;
    await eachBatch(fakeBatch(1, 0, 3).payload);
    expect(handled).toEqual([1]);
    expect(paused()).toEqual({ remainingMs: 0, failures: 0 });
    stop();
  });

  it("stops the remaining turns when the stage pauses its partition, and rethrows the consumer's own errors", async () => {
    const turns: string[][] = [];
    const { eachBatch } = lane(
      async (payload) => {
        turns.push(payload.batch.messages.map((m) => m.offset));
        payload.pause();
      },
      { budget: 1 },
    );
    await eachBatch(fakeBatch(0, 0, 3).payload);
    expect(turns).toEqual([["0"]]);

    const broken = lane(async () => {
      throw new KafkaJSNonRetriableError("the consumer cannot go on");
    });
    await expect(broken.eachBatch(fakeBatch(0, 0, 1).payload)).rejects.toThrow("the consumer cannot go on");
    expect(broken.paused().failures).toBe(0);
  });
});
