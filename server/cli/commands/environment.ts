import { addEnvironment, EnvironmentConflict, EnvironmentNotFound, listEnvironments, removeEnvironment } from "@/server/deployments/environments";
import { environmentId, firstProblem, newEnvironment, parseSettings } from "@/server/deployments/environment-input";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { withDatabase } from "../database";
import { auditOperatorChange } from "../operator";
import { configuredDatabaseUrl } from "./migrate";

export const ENVIRONMENT_HELP = `syncdeck environment add NAME --driver DRIVER [--title TEXT] [--set KEY=VALUE ...] [--protected]
syncdeck environment list [--json]
syncdeck environment remove NAME

An environment is a place processors run: NAME (e.g. staging, prod-eu) is what deployments and
the console show, DRIVER realizes deployments there (this build: local — child processes on the
agent's host), --set gives the driver's settings, and --protected makes every deployment there
wait for an admin's approval. An environment that has had deployments keeps its history and
cannot be removed. Every change is audited.

Environment: DATABASE_URL (required).`;

export async function environment(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h") return out(ENVIRONMENT_HELP);
  if (action === "add") return add(rest, out);
  if (action === "list") return list(rest, out);
  if (action === "remove") return remove(rest, out);
  throw new CliError(`environment: unknown action "${action}"; the actions are: add, list, remove`);
}

async function add(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand(
    "environment add",
    argv,
    { driver: { type: "string" }, title: { type: "string" }, set: { type: "string", multiple: true }, protected: { type: "boolean" } },
    1,
  );
  if (values.help) return out(ENVIRONMENT_HELP);
  const [id] = positionals;
  if (!id) throw new CliError("environment add: the environment's NAME is required");
  if (!values.driver) throw new CliError("environment add: --driver is required");
  const settings = parseSettings(values.set ?? []);
  if ("error" in settings) throw new CliError(`environment add: ${settings.error}`);
  const parsed = newEnvironment.safeParse({ id, title: values.title ?? id, driver: values.driver, settings: settings.settings, protected: values.protected ?? false });
  if (!parsed.success) throw new CliError(`environment add: ${firstProblem(parsed.error)}`);
  configuredDatabaseUrl("environment add");
  await withDatabase((db) => addEnvironment(db, parsed.data, auditOperatorChange)).catch(conflictAsCliError("environment add"));
  out(`environment add: ${parsed.data.id} (${parsed.data.driver}${parsed.data.protected ? ", protected" : ""}) created`);
}

async function list(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("environment list", argv, { json: { type: "boolean" } });
  if (values.help) return out(ENVIRONMENT_HELP);
  configuredDatabaseUrl("environment list");
  const rows = await withDatabase(listEnvironments);
  if (values.json) return out(JSON.stringify(rows.map((r) => ({ ...r, agentSeenAt: r.agentSeenAt?.toISOString() ?? null }))));
  if (rows.length === 0) return out("no environments; add one with `syncdeck environment add NAME --driver local`");
  const table = [["NAME", "DRIVER", "PROTECTED", "DEPLOYMENTS", "AGENT LAST SEEN", "TITLE"]];
  for (const r of rows) table.push([r.id, r.driver, r.protected ? "yes" : "no", String(r.deployments), r.agentSeenAt?.toISOString() ?? "never", r.title]);
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
}

async function remove(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("environment remove", argv, {}, 1);
  if (values.help) return out(ENVIRONMENT_HELP);
  const parsed = environmentId.safeParse(positionals[0] ?? "");
  if (!parsed.success) throw new CliError(`environment remove: ${positionals[0] ? parsed.error.issues[0]!.message : "the environment's NAME is required"}`);
  configuredDatabaseUrl("environment remove");
  await withDatabase((db) => removeEnvironment(db, parsed.data, auditOperatorChange)).catch(conflictAsCliError("environment remove"));
  out(`environment remove: ${parsed.data} removed`);
}

const conflictAsCliError = (command: string) => (error: unknown) => {
  if (error instanceof EnvironmentConflict || error instanceof EnvironmentNotFound) throw new CliError(`${command}: ${error.message}`, 1);
  throw error;
};
