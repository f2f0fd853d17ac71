/**
 * A JSON log line (./logger.ts) for a person: "15:30:00 WARN database unavailable …", with the
 * error's message when there is one. Lines that are not our JSON are returned as they are. Pure and
 * without imports: the Deployments page's log view and the demo's output use it.
 */
export function formatLogLine(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return line;
  let entry: unknown;
  try {
    entry = JSON.parse(trimmed);
  } catch {
    return line;
  }
  if (entry === null || typeof entry !== "object") return line;
  const { msg, level, time, err, kafka } = entry as Record<string, unknown>;
  if (typeof msg !== "string") return line;
  const clock = typeof time === "string" && /T(\d{2}:\d{2}:\d{2})/.exec(time)?.[1];
  const word = typeof level === "string" && level !== "info" ? level.toUpperCase() : null;
  // an error's message: our `err`, or the `error` kafkajs puts among its fields
  const errMessage = stringField(err, "message") ?? stringField(kafka, "error");
  const detail = errMessage && !msg.includes(errMessage) ? `: ${errMessage}` : "";
  // kafkajs' messages ("Starting") need their namespace to say whose they are
  const namespace = stringField(kafka, "namespace");
  return [clock, word, namespace && `[${namespace}]`, msg + detail].filter(Boolean).join(" ");
}

function stringField(value: unknown, key: string): string | null {
  const field = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === "string" ? field : null;
}

/** Every line of a block of output, formatted (the Deployments page's log tail). */
export function formatLogText(text: string): string {
  return text.split("\n").map(formatLogLine).join("\n");
}
