/**
 * kafkajs' own log (connection errors, rebalances, retries) as lines of the process's JSON log:
 * the message as `msg`, kafkajs' namespace and fields (broker, groupId, error, retryCount…) under
 * `kafka`. kafkajs filters by its own logLevel first; pino's LOG_LEVEL applies after.
 */
import { logLevel, type logCreator } from "kafkajs";
import type { Logger } from "@/lib/log/logger";

const METHOD: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/**
 * kafkajs' level for an entry, but a broker's error answer to one request (`[Connection] Response
 * Fetch(…): This server does not host this topic-partition`) is a warning: kafkajs logs it before
 * the caller handles it (refreshes metadata and retries, or fails with its own error, logged then).
 * Topics deleted under a running consumer, as offboarding does, would otherwise log errors.
 */
function kafkaLogMethod(namespace: string, level: number, message: string) {
  if (namespace === "Connection" && level === logLevel.ERROR && message.startsWith("Response ")) return "warn";
  return METHOD[level] ?? "info";
}

export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ lib: "kafkajs" });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      kafkaLogger[kafkaLogMethod(namespace, level, message)]({ kafka: { namespace, ...fields } }, message);
    };
}
