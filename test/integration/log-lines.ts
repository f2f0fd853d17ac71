/**
 * Reading a process's JSON log (lib/log/logger.ts) in tests: every line of its stdout parsed,
 * and the messages of those lines, so tests match on what was said rather than on the framing.
 */
export type LogLine = { level: string; time: string; component: string; msg: string } & Record<string, unknown>;

/** The lines of `output`, each parsed; throws naming the first line that is not a JSON object. */
export function parseLogLines(output: string): LogLine[] {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        return parsed as LogLine;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
}

/** The messages of the JSON lines in `output`, other lines (stderr, a crash) left out. */
export function logMessages(output: string): string[] {
  return output.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      const { msg } = JSON.parse(line) as { msg?: unknown };
      return typeof msg === "string" ? [msg] : [];
    } catch {
      return [];
    }
  });
}
