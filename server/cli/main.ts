/**
 * The `syncdeck` command: installs and runs SyncDeck outside the demo. Each subcommand validates its
 * options and configuration first and fails with a message and exit code 2 when they are wrong
 * (nothing done), 1 when the work itself failed.
 */
import { CliError } from "./cli-error";
import { packageRoot } from "./package-root";
import { admin, ADMIN_HELP } from "./commands/admin";
import { agent, AGENT_HELP } from "./commands/agent";
import { cluster, CLUSTER_HELP } from "./commands/cluster";
import { CONSOLE_HELP, consoleCommand } from "./commands/console";
import { environment, ENVIRONMENT_HELP } from "./commands/environment";
import { migrate, MIGRATE_HELP } from "./commands/migrate";
import { processor, PROCESSOR_HELP } from "./commands/processor";
import { move, MOVE_HELP } from "./commands/move";
import { reconcile, RECONCILE_HELP } from "./commands/reconcile";
import { worker, WORKER_HELP } from "./commands/worker";

const USAGE = `syncdeck — the console and pipeline of a multi-tenant CDC data-sync platform on Kafka

Usage: syncdeck <command> [options]   (syncdeck <command> --help for its options)

Commands:
  migrate            apply database migrations and write the roles and permissions
  admin create       create an admin user (the first one of a new installation)
  environment        add, list or remove the environments processors run in
  cluster            add, change, list or remove the Kafka clusters; point an environment at one
  console            run the web console (and, with --with-workers, the background workers)
  worker             run the background workers (lag sampling and alerts, DLQ indexing and replays, tenant jobs)
  agent              run an environment's deployment agent (starts and supervises its processors)
  processor          run one processor instance of a tenant's pipeline
  reconcile          compare tenants' sources with the target once (exit 1 on drift)
  move               move a tenant between a pool and dedicated processors, or show its moves
  help [command]     this text, or a command's`;

type Out = (line: string) => void;
const COMMANDS: Record<string, { help: string; run: (argv: string[], out: Out) => Promise<void> }> = {
  migrate: { help: MIGRATE_HELP, run: migrate },
  admin: { help: ADMIN_HELP, run: (argv, out) => admin(argv, out, readStdin) },
  environment: { help: ENVIRONMENT_HELP, run: environment },
  cluster: { help: CLUSTER_HELP, run: cluster },
  console: { help: CONSOLE_HELP, run: consoleCommand },
  worker: { help: WORKER_HELP, run: worker },
  agent: { help: AGENT_HELP, run: agent },
  processor: { help: PROCESSOR_HELP, run: processor },
  reconcile: { help: RECONCILE_HELP, run: reconcile },
  move: { help: MOVE_HELP, run: move },
};

export async function runCli(argv: string[], out: Out = (line) => console.log(line)): Promise<void> {
  // Where the package's files are (migrations, the source schema), for this process and its children.
  process.env.SYNCDECK_HOME ??= packageRoot();
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") return out(USAGE);
  if (name === "help") return out(rest[0] && COMMANDS[rest[0]] ? COMMANDS[rest[0]]!.help : USAGE);
  const command = COMMANDS[name];
  if (!command)
    throw new CliError(
      `unknown command "${name}"; the commands are: ${Object.keys(COMMANDS).join(", ")} (syncdeck --help)`,
    );
  await command.run(rest, out);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CliError(
      "--password-stdin: standard input is a terminal; pipe the password in (e.g. from a secret file)",
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Commands that keep running (a server) end when their work ends, not when runCli resolves. */
const LONG_RUNNING = new Set(["console", "worker", "agent", "processor"]);

/** Runs the command line of this process and exits with its code. */
export function main(): void {
  const argv = process.argv.slice(2);
  runCli(argv).then(
    () => {
      if (!LONG_RUNNING.has(argv[0] ?? "") || argv.includes("--help") || argv.includes("-h")) process.exit(0);
    },
    (error: unknown) => {
      if (error instanceof CliError) {
        console.error(`syncdeck: ${error.message}`);
        process.exit(error.exitCode);
      }
      console.error(`syncdeck: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
