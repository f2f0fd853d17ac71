/**
 * Parses one subcommand's options with node's own parseArgs, turning its errors into a CliError
 * that names the subcommand, so `syncdeck admin create --emial x` says what is wrong and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./cli-error";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommand<T extends Options>(command: string, argv: string[], options: T, positionals = 0) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: positionals > 0,
      strict: true,
    });
    if (parsed.positionals.length > positionals)
      throw new CliError(`${command}: unexpected argument "${parsed.positionals[positionals]}"`);
    return parsed;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${command}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/, "")}`);
  }
}

/** A required option's value, or a CliError naming it. */
export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") throw new CliError(`${command}: --${name} is required`);
  return value;
}
