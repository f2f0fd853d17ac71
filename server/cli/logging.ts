import { createLogger, setProcessLogger, type Component, type Logger } from "@/lib/log/logger";
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
