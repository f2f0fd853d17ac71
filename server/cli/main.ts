/**
 * The `syncdeck` command: installs and runs SyncDeck outside the demo. Each subcommand validates its
 * options and configuration first and fails with a message and exit code 2 when they are wrong
 * (nothing done), 1 when the work itself failed.
 */
import { CliError } from "./cli-error";
import { packageRoot } from "./package-root";
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
type Command = { help: string; run: (argv: string[], out: Out) => Promise<void> };

/**
 * Each command's module loads when it runs: a processor does not load the Kubernetes client, Prisma
 * or the console's code (the agent's Kubernetes client alone cost every processor ~0.4 s of CPU
 * and its memory at start).
 */
const lazy =
  <M>(load: () => Promise<M>, pick: (module: M) => Command) =>
  async (): Promise<Command> =>
    pick(await load());

const COMMANDS: Record<string, () => Promise<Command>> = {
  migrate: lazy(
    () => import("./commands/migrate"),
    (m) => ({ help: m.MIGRATE_HELP, run: m.migrate }),
  ),
  admin: lazy(
    () => import("./commands/admin"),
    (m) => ({ help: m.ADMIN_HELP, run: (argv, out) => m.admin(argv, out, readStdin) }),
  ),
  environment: lazy(
    () => import("./commands/environment"),
    (m) => ({ help: m.ENVIRONMENT_HELP, run: m.environment }),
  ),
  cluster: lazy(
    () => import("./commands/cluster"),
    (m) => ({ help: m.CLUSTER_HELP, run: m.cluster }),
  ),
  console: lazy(
    () => import("./commands/console"),
    (m) => ({ help: m.CONSOLE_HELP, run: m.consoleCommand }),
  ),
  worker: lazy(
    () => import("./commands/worker"),
    (m) => ({ help: m.WORKER_HELP, run: m.worker }),
  ),
  agent: lazy(
    () => import("./commands/agent"),
    (m) => ({ help: m.AGENT_HELP, run: m.agent }),
  ),
  processor: lazy(
    () => import("./commands/processor"),
    (m) => ({ help: m.PROCESSOR_HELP, run: m.processor }),
  ),
  reconcile: lazy(
    () => import("./commands/reconcile"),
    (m) => ({ help: m.RECONCILE_HELP, run: m.reconcile }),
  ),
  move: lazy(
    () => import("./commands/move"),
    (m) => ({ help: m.MOVE_HELP, run: m.move }),
  ),
};

export async function runCli(argv: string[], out: Out = (line) => console.log(line)): Promise<void> {
  // Where the package's files are (migrations, the source schema), for this process and its children.
  process.env.SYNCDECK_HOME ??= packageRoot();
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") return out(USAGE);
  if (name === "help") return out(rest[0] && COMMANDS[rest[0]] ? (await COMMANDS[rest[0]]!()).help : USAGE);
  const load = COMMANDS[name];
  if (!load)
    throw new CliError(
      `unknown command "${name}"; the commands are: ${Object.keys(COMMANDS).join(", ")} (syncdeck --help)`,
    );
  await (await load()).run(rest, out);
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
