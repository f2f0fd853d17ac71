import { describe, expect, it } from "vitest";
import { evaluateSnapshot, newSamplerMemory } from "./evaluate-snapshot";
import type { OffsetSnapshot } from "./offset-snapshot";

const TOPIC = "sync.acme-health.updates";
const GROUP = "sync.acme-health.update-processor";

/** One group on a two-partition topic: ends and committed offsets per partition at a time. */
function snapshot(atSeconds: number, ends: [number, number], committed: [number, number], members = 2): OffsetSnapshot {
  return {
    atMs: atSeconds * 1000,
    endOffsets: new Map([
      [
        TOPIC,
        new Map([
          [0, ends[0]],
          [1, ends[1]],
        ]),
      ],
    ]),
    groups: [
      {
        groupId: GROUP,
        state: members ? "Stable" : "Empty",
        members,
        committed: new Map([
          [
            TOPIC,
            new Map([
              [0, committed[0]],
              [1, committed[1]],
            ]),
          ],
        ]),
      },
    ],
  };
}

describe("evaluateSnapshot", () => {
  it("reports a healthy group that keeps up", () => {
    const memory = newSamplerMemory();
    let result = evaluateSnapshot(memory, snapshot(0, [100, 100], [100, 100]));
    for (let t = 5; t <= 30; t += 5)
      result = evaluateSnapshot(memory, snapshot(t, [100 + t * 10, 100 + t * 10], [100 + t * 10 - 5, 100 + t * 10]));
    const [group] = result;
    expect(group).toMatchObject({ groupId: GROUP, status: "OK", lag: 5, members: 2 });
    expect(group!.lagSeconds).toBeLessThan(1);
    expect(group!.consumePerSecond).toBeCloseTo(20, 0);
  });

  it("turns STOP with growing seconds when the consumers are gone, and says where", () => {
    const memory = newSamplerMemory();
    evaluateSnapshot(memory, snapshot(0, [100, 100], [100, 100]));
    let result = evaluateSnapshot(memory, snapshot(5, [150, 100], [100, 100], 0));
    result = evaluateSnapshot(memory, snapshot(10, [200, 100], [100, 100], 0));
    const early = result[0]!.lagSeconds;
    // Burrow's rule 1: a zero lag anywhere in the window means OK, so STOP shows once it left the window.
    result = evaluateSnapshot(memory, snapshot(15, [250, 100], [100, 100], 0), { windowSize: 3 });
    const [group] = result;
    expect(group!.status).toBe("STOP");
    expect(group!.reason).toBe(`no consumer is running; 150 messages waiting for 10 s (1 of 2 partitions of ${TOPIC})`);
    expect(group!.lag).toBe(150);
    expect(group!.lagSeconds - early).toBeCloseTo(5, 5);
  });

  it("applies the tenant's lag-seconds objective", () => {
    const memory = newSamplerMemory();
    evaluateSnapshot(memory, snapshot(0, [0, 0], [0, 0]));
    evaluateSnapshot(memory, snapshot(10, [1000, 0], [0, 0]));
    const [group] = evaluateSnapshot(memory, snapshot(60, [1000, 0], [1, 0]), { sloSecondsFor: () => 30 });
    expect(group!.status).toBe("WARN");
    expect(group!.reason).toMatch(/over the 30 s objective/);
  });

  it("judges a retry tier by how overdue its oldest record is, with the group's own numbers", () => {
    const TIER = "sync.acme-health.retry.1m";
    const RETRY_GROUP = "sync.acme-health.retry-processor";
    const held = (atSeconds: number, end: number, committed: number, members = 1): OffsetSnapshot => ({
      atMs: atSeconds * 1000,
      endOffsets: new Map([
        [
          TIER,
          new Map([
            [0, end],
            [1, 0],
          ]),
        ],
      ]),
      groups: [
        {
          groupId: RETRY_GROUP,
          state: members ? "Stable" : "Empty",
          members,
          committed: new Map([
            [
              TIER,
              new Map([
                [0, committed],
                [1, 0],
              ]),
            ],
          ]),
        },
      ],
    });
    const memory = newSamplerMemory();
    // 8 records written at t=0, a 60 s tier: waiting for 50 s is on time, however still the offset
    evaluateSnapshot(memory, held(0, 100, 100));
    let result: ReturnType<typeof evaluateSnapshot> = [];
    for (let t = 5; t <= 50; t += 5) result = evaluateSnapshot(memory, held(t, 108, 100), { sloSecondsFor: () => 30 });
    expect(result[0]).toMatchObject({ status: "OK", lag: 8 });
    expect(result[0]!.reason).toMatch(/^8 messages waiting in 1 of 2 partitions, next due in 1\d s/);
    // 60 s + 30 s tolerance later the oldest is overdue and the offset has not moved: STALL
    for (let t = 55; t <= 100; t += 5) result = evaluateSnapshot(memory, held(t, 108, 100));
    expect(result[0]!.status).toBe("STALL");
    expect(result[0]!.reason).toMatch(/the oldest was due 3\d s ago, but the committed offset has not moved/);
    expect(result[0]!.reason).toMatch(/8 messages waiting in 1 of 2 partitions, next was due 3\d s ago$/);
    // nobody consumes: STOP
    result = evaluateSnapshot(memory, held(105, 108, 100, 0));
    expect(result[0]!.status).toBe("STOP");
  });

  it("pairs every offset with the time it was read", () => {
    const memory = newSamplerMemory();
    // 10 msgs/s on partition 0, sampled every 5 s; the group stopped at 300.
    for (let t = 0; t <= 55; t += 5) evaluateSnapshot(memory, snapshot(t, [t * 10, 0], [Math.min(300, t * 10), 0], 0));
    // A slow snapshot: committed offsets read at 58 s, end offsets at 60 s, stored at 63 s.
    const late = { ...snapshot(63, [600, 0], [300, 0], 0), endReadAtMs: new Map([[TOPIC, 60_000]]) };
    late.groups[0]!.committedAtMs = 58_000;
    const [group] = evaluateSnapshot(memory, late);
    expect(group!.lagSeconds).toBeCloseTo(27.9, 5);
    expect(memory.endHistory.get(`${TOPIC}\u00000`)!.at(-1)).toEqual({ offset: 600, atMs: 60_000 });
    expect(memory.windows.get(`${GROUP}\u0000${TOPIC}\u00000`)!.at(-1)!.atMs).toBe(58_000);
  });

  it("estimates the time to drain from the window's consume and produce rates", () => {
    const memory = newSamplerMemory();
    // partition 0: 50 msgs/s written, 150 msgs/s consumed, 2000 behind at the start; partition 1 idle.
    const [first] = evaluateSnapshot(memory, snapshot(0, [2000, 0], [0, 0]));
    expect(first!.drain).toBeNull();
    evaluateSnapshot(memory, snapshot(5, [2250, 0], [750, 0]));
    const [group] = evaluateSnapshot(memory, snapshot(10, [2500, 0], [1500, 0]));
    expect(group!.lag).toBe(1000);
    expect(group!.drain).toEqual({ state: "draining", seconds: 10 });
    expect(group!.topics[0]!.partitions.map((p) => p.drain)).toEqual([
      { state: "draining", seconds: 10 },
      { state: "caught-up" },
    ]);
  });

  it("says a group that consumes as fast as producers write is not draining, and one that keeps up is caught up", () => {
    const memory = newSamplerMemory();
    for (let t = 0; t <= 20; t += 5) evaluateSnapshot(memory, snapshot(t, [2000 + t * 10, 0], [t * 10, 0]));
    expect(evaluateSnapshot(memory, snapshot(25, [2250, 0], [250, 0]))[0]!.drain).toEqual({ state: "not-draining" });
    const keepingUp = newSamplerMemory();
    let result = evaluateSnapshot(keepingUp, snapshot(0, [100, 100], [100, 100]));
    for (let t = 5; t <= 30; t += 5)
      result = evaluateSnapshot(keepingUp, snapshot(t, [100 + t * 10, 100 + t * 10], [100 + t * 10 - 5, 100 + t * 10]));
    expect(result[0]!.drain).toEqual({ state: "caught-up" });
    // a slow partition (2 msgs/s) that reached 0 in the window and now has 40 in flight
    const slow = newSamplerMemory();
    evaluateSnapshot(slow, snapshot(0, [100, 0], [100, 0]));
    for (let t = 5; t <= 20; t += 5)
      result = evaluateSnapshot(slow, snapshot(t, [100 + t * 2 + 40, 0], [100 + t * 2, 0]));
    expect(result[0]!.drain).toEqual({ state: "caught-up" });
    const retry = newSamplerMemory();
    // records held on purpose (a retry tier): their lag is no backlog, so no time to drain
    for (let t = 0; t <= 10; t += 5)
      result = evaluateSnapshot(retry, snapshot(t, [108, 0], [100, 0]), { holdMsFor: () => 10_000 });
    expect(result[0]!.drain).toBeNull();
  });

  it("forgets groups that disappeared", () => {
    const memory = newSamplerMemory();
    evaluateSnapshot(memory, snapshot(0, [10, 10], [10, 10]));
    expect(memory.windows.size).toBe(2);
    evaluateSnapshot(memory, { atMs: 5000, endOffsets: new Map(), groups: [] });
    expect(memory.windows.size).toBe(0);
  });
});
