import {
  addEnvironment,
  EnvironmentConflict,
  EnvironmentNotFound,
  listEnvironments,
  removeEnvironment,
  rotateAgentToken,
} from "@/server/deployments/environments";
import { environmentId, firstProblem, newEnvironment, parseSettings } from "@/server/deployments/environment-input";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { withDatabase } from "../database";
import { auditOperatorChange } from "../operator";
import { configuredDatabaseUrl } from "./migrate";

export const ENVIRONMENT_HELP = `syncdeck environment add NAME --driver DRIVER [--title TEXT] [--set KEY=VALUE ...] [--protected]
syncdeck environment list [--json]
syncdeck environment rotate-token NAME
syncdeck environment remove NAME

An environment is a place processors run: NAME (e.g. staging, prod-eu) is what deployments and
the console show, DRIVER realizes deployments there (this build: local — child processes on the
agent's host), --set gives the driver's settings, and --protected makes every deployment there
wait for an admin's approval. An environment that has had deployments keeps its history and
cannot be removed. Every change is audited.

add prints the environment's agent token once: \`syncdeck agent --environment NAME\` starts only
with it in SYNCDECK_AGENT_TOKEN (keep it in the agent's secret store; only its hash is stored).
rotate-token replaces it and prints the new one; a running agent keeps running, its next start
needs the new token.

Environment: DATABASE_URL (required).`;

export async function environment(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h") return out(ENVIRONMENT_HELP);
  if (action === "add") return add(rest, out);
  if (action === "list") return list(rest, out);
  if (action === "rotate-token") return rotateToken(rest, out);
  if (action === "remove") return remove(rest, out);
  throw new CliError(`environment: unknown action "${action}"; the actions are: add, list, rotate-token, remove`);
}

async function add(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand(
    "environment add",
    argv,
    {
      driver: { type: "string" },
      title: { type: "string" },
      set: { type: "string", multiple: true },
      protected: { type: "boolean" },
    },
    1,
  );
  if (values.help) return out(ENVIRONMENT_HELP);
  const [id] = positionals;
  if (!id) throw new CliError("environment add: the environment's NAME is required");
  if (!values.driver) throw new CliError("environment add: --driver is required");
  const settings = parseSettings(values.set ?? []);
  if ("error" in settings) throw new CliError(`environment add: ${settings.error}`);
  const parsed = newEnvironment.safeParse({
    id,
    title: values.title ?? id,
    driver: values.driver,
    settings: settings.settings,
    protected: values.protected ?? false,
  });
  if (!parsed.success) throw new CliError(`environment add: ${firstProblem(parsed.error)}`);
  configuredDatabaseUrl("environment add");
  const { agentToken } = await withDatabase((db) => addEnvironment(db, parsed.data, auditOperatorChange)).catch(
    conflictAsCliError("environment add"),
  );
  out(
    `environment add: ${parsed.data.id} (${parsed.data.driver}${parsed.data.protected ? ", protected" : ""}) created`,
  );
  printToken(out, parsed.data.id, agentToken);
}

async function rotateToken(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("environment rotate-token", argv, {}, 1);
  if (values.help) return out(ENVIRONMENT_HELP);
  const parsed = environmentId.safeParse(positionals[0] ?? "");
  if (!parsed.success)
    throw new CliError(
      `environment rotate-token: ${positionals[0] ? parsed.error.issues[0]!.message : "the environment's NAME is required"}`,
    );
  configuredDatabaseUrl("environment rotate-token");
  const { agentToken } = await withDatabase((db) => rotateAgentToken(db, parsed.data, auditOperatorChange)).catch(
    conflictAsCliError("environment rotate-token"),
  );
  out(`environment rotate-token: ${parsed.data} has a new agent token; the old one no longer starts an agent`);
  printToken(out, parsed.data, agentToken);
}

/** The token on a line of its own (`agent token: …`), so scripts can take it with one grep. */
function printToken(out: (line: string) => void, id: string, token: string): void {
  out(`agent token: ${token}`);
  out(`  shown only now: run the agent with SYNCDECK_AGENT_TOKEN=<that token> syncdeck agent --environment ${id}`);
}

async function list(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("environment list", argv, { json: { type: "boolean" } });
  if (values.help) return out(ENVIRONMENT_HELP);
  configuredDatabaseUrl("environment list");
  const rows = await withDatabase(listEnvironments);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  if (values.json) {
    return out(
      JSON.stringify(
        rows.map((r) => ({
          ...r,
          agentSeenAt: iso(r.agentSeenAt),
          agentTokenCreatedAt: iso(r.agentTokenCreatedAt),
          agentConnectedAt: iso(r.agentConnectedAt),
        })),
      ),
    );
  }
  if (rows.length === 0) return out("no environments; add one with `syncdeck environment add NAME --driver local`");
  const table = [["NAME", "DRIVER", "PROTECTED", "DEPLOYMENTS", "AGENT TOKEN", "AGENT LAST SEEN", "TITLE"]];
  for (const r of rows) {
    table.push([
      r.id,
      r.driver,
      r.protected ? "yes" : "no",
      String(r.deployments),
      r.agentTokenSet ? "set" : "none",
      r.agentSeenAt?.toISOString() ?? "never",
      r.title,
    ]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
}

async function remove(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand("environment remove", argv, {}, 1);
  if (values.help) return out(ENVIRONMENT_HELP);
  const parsed = environmentId.safeParse(positionals[0] ?? "");
  if (!parsed.success)
    throw new CliError(
      `environment remove: ${positionals[0] ? parsed.error.issues[0]!.message : "the environment's NAME is required"}`,
    );
  configuredDatabaseUrl("environment remove");
  await withDatabase((db) => removeEnvironment(db, parsed.data, auditOperatorChange)).catch(
    conflictAsCliError("environment remove"),
  );
  out(`environment remove: ${parsed.data} removed`);
}

const conflictAsCliError = (command: string) => (error: unknown) => {
  if (error instanceof EnvironmentConflict || error instanceof EnvironmentNotFound)
    throw new CliError(`${command}: ${error.message}`, 1);
  throw error;
};
