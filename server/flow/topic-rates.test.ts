import { describe, expect, it } from "vitest";
import { TopicRateMemory } from "./topic-rates";

describe("TopicRateMemory", () => {
  it("has no rate after one read, then the rate over the recent window", () => {
    const memory = new TopicRateMemory();
    expect(memory.observe("dlq", 100, 0)).toBeNull();
    expect(memory.observe("dlq", 110, 5_000)).toBe(2);
    expect(memory.observe("dlq", 110, 10_000)).toBe(1);
  });

  it("starts over when the topic was recreated (sum went down)", () => {
    const memory = new TopicRateMemory();
    memory.observe("t", 500, 0);
    expect(memory.observe("t", 3, 5_000)).toBeNull();
  });
});
