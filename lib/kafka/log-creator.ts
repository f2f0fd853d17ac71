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

export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ lib: "kafkajs" });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      kafkaLogger[METHOD[level] ?? "info"]({ kafka: { namespace, ...fields } }, message);
    };
}
