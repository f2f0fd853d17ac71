import { loadConfig, ConfigError, type Env, type LoadedConfig } from "@/server/config/load";
import type { ProcessName } from "@/server/config/catalogue";
import { CliError } from "./cli-error";

/**
 * The process's configuration, checked against the catalogue before the command does anything:
 * a CliError (exit 2) that starts with the command and names each wrong variable otherwise.
 */
export function checkConfiguration(command: string, process: ProcessName, env: Env): LoadedConfig {
  try {
    return loadConfig(env, process);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`${command}: ${error.message}`);
    throw error;
  }
}
