import { describe, expect, it } from "vitest";
import { classifyFreshness, type FreshnessInput } from "./freshness";

const now = Date.parse("2026-11-23T12:00:00Z");
const at = (over: Partial<FreshnessInput>): FreshnessInput => ({
  nowMs: now,
  lastEventAtMs: now - 2_000,
  pendingWalBytes: 1_000,
  capturePerSecond: 50,
  connectorRunning: true,
  ...over,
});

describe("classifyFreshness", () => {
  it("streams when recent changes arrive", () => {
    expect(classifyFreshness(at({}))).toMatchObject({ kind: "streaming", ageSeconds: 2 });
  });

  it("is idle when the last change is old but the source has nothing pending", () => {
    expect(
      classifyFreshness(at({ lastEventAtMs: now - 600_000, pendingWalBytes: 200, capturePerSecond: 0 })),
    ).toMatchObject({ kind: "idle", ageSeconds: 600 });
    expect(classifyFreshness(at({ capturePerSecond: 0 })).kind).toBe("idle");
  });

  it("is behind when the source wrote WAL the connector has not captured", () => {
    const verdict = classifyFreshness(
      at({ lastEventAtMs: now - 600_000, pendingWalBytes: 50 * 1_048_576, capturePerSecond: 0 }),
    );
    expect(verdict.kind).toBe("behind");
    expect(verdict.label).toBe("behind: last change 10 min old, 50.0 MiB of WAL not yet captured");
    expect(classifyFreshness(at({ lastEventAtMs: null, pendingWalBytes: 50 * 1_048_576 })).kind).toBe("behind");
  });

  it("does not call a streaming connector behind for WAL other databases wrote since its last confirm", () => {
    expect(classifyFreshness(at({ pendingWalBytes: 20 * 1_048_576 })).kind).toBe("streaming");
  });

  it("does not guess when the source cannot be asked, and says when the connector is not running", () => {
    expect(classifyFreshness(at({ lastEventAtMs: now - 600_000, pendingWalBytes: null })).kind).toBe("unknown");
    expect(classifyFreshness(at({ connectorRunning: false })).kind).toBe("stopped");
  });
});
