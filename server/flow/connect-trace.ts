/**
 * A Kafka Connect failure trace is a Java stack trace, often hundreds of lines; people need its
 * exception and message, and the root cause (the last "Caused by:"), in one line each.
 */
export type TraceSummary = { exception: string; message: string; rootCause: string | null; frames: number };

const HEADLINE = /^([\w$.]+(?:Exception|Error|Throwable)[\w$]*)(?::\s*(.*))?$/;

export function summarizeTrace(trace: string | undefined | null): TraceSummary | null {
  if (!trace?.trim()) return null;
  const lines = trace.split(/\r?\n/);
  const first = lines[0]!.trim();
  const head = HEADLINE.exec(first);
  const causes = lines
    .filter((l) => l.trimStart().startsWith("Caused by:"))
    .map((l) => l.trim().slice("Caused by:".length).trim());
  return {
    exception: head ? head[1]! : first.slice(0, 200),
    message: head ? (head[2] ?? "").trim() : "",
    rootCause: causes.at(-1) ?? null,
    frames: lines.filter((l) => l.trimStart().startsWith("at ")).length,
  };
}

/** One line for a tooltip: the root cause if there is one, else the headline. */
export function traceHeadline(trace: string | undefined | null): string | null {
  const summary = summarizeTrace(trace);
  if (!summary) return null;
  return (summary.rootCause ?? [summary.exception, summary.message].filter(Boolean).join(": ")).slice(0, 300);
}
