import { describe, expect, it } from "vitest";
import { formatLogLine, formatLogText } from "./format-line";

describe("formatLogLine", () => {
  it("shows a JSON line's time, level (when not info) and message", () => {
    expect(
      formatLogLine(
        '{"level":"info","time":"2026-12-04T15:30:01.123Z","component":"processor","msg":"running as a.1"}',
      ),
    ).toBe("15:30:01 running as a.1");
    expect(
      formatLogLine(
        '{"level":"warn","time":"2026-12-04T15:30:02.000Z","msg":"database unavailable; holding the batch"}',
      ),
    ).toBe("15:30:02 WARN database unavailable; holding the batch");
  });

  it("adds the error's message when the message does not already say it", () => {
    expect(
      formatLogLine(
        '{"level":"error","time":"2026-12-04T15:30:03.000Z","msg":"stop failed","err":{"type":"Error","message":"boom"}}',
      ),
    ).toBe("15:30:03 ERROR stop failed: boom");
    expect(
      formatLogLine(
        '{"level":"fatal","time":"2026-12-04T15:30:03.000Z","msg":"giving up: boom","err":{"message":"boom"}}',
      ),
    ).toBe("15:30:03 FATAL giving up: boom");
  });

  it("names kafkajs' namespace and adds the error kafkajs reports among its fields", () => {
    const line =
      '{"level":"error","time":"2026-12-04T15:43:25.886Z","lib":"kafkajs","kafka":{"namespace":"Connection","error":"The group coordinator is not available"},"msg":"Response GroupCoordinator(key: 10, version: 2)"}';
    expect(formatLogLine(line)).toBe(
      "15:43:25 ERROR [Connection] Response GroupCoordinator(key: 10, version: 2): The group coordinator is not available",
    );
    expect(
      formatLogLine(
        '{"level":"info","time":"2026-12-04T15:43:25.599Z","lib":"kafkajs","kafka":{"namespace":"Consumer","groupId":"g"},"msg":"Starting"}',
      ),
    ).toBe("15:43:25 [Consumer] Starting");
  });

  it("returns other lines as they are (plain text, half lines, JSON without msg)", () => {
    for (const line of ["[demo] ready", '{"level":"info","msg":', '{"a":1}', "", "  ▲ Next.js 16"])
      expect(formatLogLine(line)).toBe(line);
  });

  it("formats a block line by line", () => {
    expect(formatLogText('{"level":"info","time":"2026-12-04T15:30:01.000Z","msg":"a"}\nplain')).toBe(
      "15:30:01 a\nplain",
    );
  });
});
