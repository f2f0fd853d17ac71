import { createLogger, errorField, setProcessLogger, type Component, type Logger } from "@/lib/log/logger";
import { CliError } from "./cli-error";

/**
 * The JSON log of a long-running command (console, worker, agent), set as the process's logger so
 * kafkajs and the workers log through it. A wrong LOG_LEVEL stops the command before it starts
 * (exit 2), as any other wrong setting does. One-shot commands print for people instead.
 */
export function startCommandLog(command: string, component: Component, bindings: Record<string, string> = {}): Logger {
  try {
    return setProcessLogger(createLogger({ component, ...bindings }));
  } catch (error) {
    throw new CliError(`${command}: ${(error as Error).message}`);
  }
}

/**
 * On SIGTERM or SIGINT: log it, run `stop` once, and exit 0 when it finished or 1 (logged) when it
 * failed. The long-running commands' one shutdown path.
 */
export function stopOnSignals(logger: Logger, what: string, stop: () => Promise<unknown>): void {
  const onSignal = (signal: string) => {
    logger.info({ signal }, `${signal}: stopping ${what}`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: errorField(error) }, `stop failed: ${errorField(error).message}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  process.once("SIGINT", () => onSignal("SIGINT"));
}
