import { describe, expect, it } from "vitest";
import { retryDepth } from "./retry-depth";

describe("retryDepth", () => {
  it("counts what waits after the retry-processor's position, not what the topic retains", () => {
    // 36 records retained, all of them already forwarded: nothing waits
    expect(retryDepth([{ topic: "sync.acme.retry.1s", partition: 0, low: 0, high: 36, committed: 36 }])).toEqual({
      waiting: 0,
      lostToRetention: 0,
      lostIn: [],
    });
  });

  it("sums every tier topic and partition", () => {
    const depth = retryDepth([
      { topic: "sync.acme.retry.1s", partition: 0, low: 0, high: 10, committed: 8 },
      { topic: "sync.acme.retry.1s", partition: 1, low: 5, high: 7, committed: null },
      { topic: "sync.acme.retry.10m", partition: 0, low: 100, high: 130, committed: 100 },
    ]);
    expect(depth.waiting).toBe(2 + 2 + 30);
  });

  it("reports records deleted by retention before they were retried", () => {
    const depth = retryDepth([
      { topic: "sync.acme.retry.10m", partition: 0, low: 50, high: 60, committed: 20 },
      { topic: "sync.acme.retry.10m", partition: 1, low: 5, high: 5, committed: 5 },
    ]);
    expect(depth).toEqual({ waiting: 10, lostToRetention: 30, lostIn: ["sync.acme.retry.10m:0"] });
  });
});
