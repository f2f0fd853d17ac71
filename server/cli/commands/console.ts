import fs from "node:fs";
import { createRequire } from "node:module";
import { WORKERS } from "@/server/workers/registry";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { checkConfiguration } from "../configuration";
import { startCommandLog } from "../logging";
import { packagePath } from "../package-root";
import { configuredDatabaseUrl } from "./migrate";

export const CONSOLE_HELP = `syncdeck console [--port N] [--host ADDRESS] [--with-workers]

Runs the web console (the standalone production server built by \`npm run build\`).
Without --with-workers it serves pages and the API only, and \`syncdeck worker\` runs the
background work (lag sampling, alerts, the DLQ indexer and replays, tenant jobs) next to it;
with --with-workers this process runs them too (each leader-elected or lease-held, so several
replicas are safe).

Options:
  --port N          port to listen on (default: PORT, else 3000)
  --host ADDRESS    address to listen on (default: HOSTNAME, else 0.0.0.0)
  --with-workers    also run the background workers in this process

Environment: DATABASE_URL, KAFKA_BROKERS (and KAFKA_SSL/KAFKA_SASL_*), NEXTAUTH_SECRET (at least
32 characters), NEXTAUTH_URL (the console's public URL) are required; docs/configuration.md lists
every variable the console reads, all checked before it starts. The log is JSON lines on
stdout (component "console"; an API error's line carries its requestId); LOG_LEVEL sets its level.`;

export async function consoleCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("console", argv, {
    port: { type: "string" },
    host: { type: "string" },
    "with-workers": { type: "boolean" },
  });
  if (values.help) return out(CONSOLE_HELP);
  const port = portOf(values.port ?? process.env.PORT ?? "3000");
  const host = values.host ?? process.env.HOSTNAME ?? "0.0.0.0";
  configuredDatabaseUrl("console");
  checkConfiguration("console", "console", { ...process.env, PORT: String(port), HOSTNAME: host });
  const server = packagePath(".next/standalone/server.js");
  if (!fs.existsSync(server))
    throw new CliError(`console: ${server} is missing; build the console with \`npm run build\``, 1);
  const logger = startCommandLog("console", "console");

  process.env.PORT = String(port);
  process.env.HOSTNAME = host;
  process.env.SYNCDECK_MIGRATIONS_DIR ??= packagePath("prisma/migrations");
  if (!values["with-workers"]) for (const w of WORKERS) process.env[w.switchVariable] = "off";
  logger.info(
    { host, port, withWorkers: Boolean(values["with-workers"]) },
    `starting on ${host}:${port}${values["with-workers"] ? " with the background workers" : " (workers: run `syncdeck worker`)"}`,
  );
  exitCleanlyOnRequestedStop();
  // The standalone server starts listening when loaded, and exits on SIGTERM/SIGINT itself.
  createRequire(server)(server);
}

/**
 * Next.js ends its server after a SIGTERM or SIGINT with 143 or 130 once it has closed cleanly. For
 * supervisors a stop that was asked for and completed is a success: exit 0 then, as the other
 * `syncdeck` commands do. A failure still exits non-zero.
 */
function exitCleanlyOnRequestedStop(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) =>
    exit(code === 143 || code === 130 ? 0 : code)) as typeof process.exit;
}

function portOf(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new CliError(`console: the port must be a number from 1 to 65535, got "${value}"`);
  return port;
}
