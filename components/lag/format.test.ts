import { describe, expect, it } from "vitest";
import { formatCount, formatDrain, formatSeconds } from "./format";

describe("formatSeconds", () => {
  it("reads naturally across scales", () => {
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(0.4)).toBe("< 1 s");
    expect(formatSeconds(42.4)).toBe("42 s");
    expect(formatSeconds(600)).toBe("10 min");
    expect(formatSeconds(9_000)).toBe("2.5 h");
    expect(formatSeconds(864_000)).toBe("10 d");
  });
});

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
