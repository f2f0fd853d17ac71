import { describe, expect, it } from "vitest";
import { formatDuration, formatElapsed, formatSeconds } from "./duration";

describe("formatDuration", () => {
  it("reads like a person would say it", () => {
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(200_000)).toBe("3 min 20 s");
    expect(formatDuration(180_000)).toBe("3 min");
    expect(formatDuration(7_500_000)).toBe("2 h 5 min");
    expect(formatDuration(7_200_000)).toBe("2 h");
  });

  it("keeps zero parts when asked, as the member page does", () => {
    const exact = (ms: number) => formatDuration(ms, { zeroParts: "show" });
    expect(exact(400)).toBe("0 s");
    expect(exact(125_000)).toBe("2 min 5 s");
    expect(exact(120_000)).toBe("2 min 0 s");
    expect(exact(7_260_000)).toBe("2 h 1 min");
    expect(exact(7_200_000)).toBe("2 h 0 min");
  });
});

describe("formatElapsed", () => {
  it("rounds to one unit with the same cut-offs everywhere", () => {
    expect(formatElapsed(0)).toBe("0 s");
    expect(formatElapsed(400)).toBe("< 1 s");
    expect(formatElapsed(-5_000)).toBe("0 s");
    expect(formatElapsed(42_400)).toBe("42 s");
    expect(formatElapsed(119_000)).toBe("119 s");
    expect(formatElapsed(600_000)).toBe("10 min");
    expect(formatElapsed(9_000_000)).toBe("2.5 h");
    expect(formatElapsed(5 * 3_600_000)).toBe("5 h");
    expect(formatElapsed(3 * 86_400_000)).toBe("3 d");
  });

  it("reads seconds too", () => {
    expect(formatSeconds(600)).toBe("10 min");
    expect(formatSeconds(864_000)).toBe("10 d");
  });
});
