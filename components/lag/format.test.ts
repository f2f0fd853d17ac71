import { describe, expect, it } from "vitest";
import { formatCount, formatDrain } from "./format";

describe("formatCount", () => {
  it("groups thousands and compacts big numbers", () => {
    expect(formatCount(12_345)).toBe("12,345");
    expect(formatCount(2_500_000)).toBe("2.5M");
  });
});

describe("formatDrain", () => {
  it("says the server's estimate in words", () => {
    expect(formatDrain({ state: "draining", seconds: 237 }).text).toBe("drains in ~4 min");
    expect(formatDrain({ state: "draining", seconds: 0.2 }).text).toBe("drains in ~1 s");
    expect(formatDrain({ state: "not-draining" }).text).toBe("not draining");
    expect(formatDrain({ state: "caught-up" }).text).toBe("caught up");
    expect(formatDrain(null).text).toBe("—");
    expect(formatDrain(undefined).text).toBe("—");
  });
});
