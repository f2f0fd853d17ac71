/**
 * The `syncdeck` command as an operator runs it: the compiled bundle (npm run build:cli) started with
 * node through bin/syncdeck.js against an empty database on the integration Postgres — migrate, the
 * first admin, environments — with its exit codes, its messages and the audit records it leaves.
 */
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "@/test/integration/throwaway-database";

const root = path.resolve(__dirname, "../..");
let scratch: ScratchDatabase | undefined;
let databaseUrl: string;
let db: pg.Client;

type Run = { code: number; stdout: string; stderr: string };

/** Runs `syncdeck ARGS` with the given environment (no DATABASE_URL unless given) and standard input. */
function syncdeck(
  args: string[],
  env: Record<string, string> = { DATABASE_URL: databaseUrl },
  stdin?: string,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/syncdeck.js"), ...args], {
      cwd: "/", // the command finds its files from its own location, not the working directory
      env: { PATH: process.env.PATH, NODE_ENV: "production", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { cwd: root });
  scratch = await createScratchDatabase("cli", { migrate: false });
  databaseUrl = scratch.url;
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await scratch?.drop();
});

describe("syncdeck, installing from an empty database", () => {
  it("refuses to work without DATABASE_URL, naming it, with exit code 2", async () => {
    const run = await syncdeck(["migrate"], {});
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(
      "syncdeck: migrate: DATABASE_URL is not set; it must be the PostgreSQL connection URL (postgresql://…)\n",
    );
  });

  it("migrates an empty database and writes roles and permissions; a second run applies nothing", async () => {
    const first = await syncdeck(["migrate"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/migrate: \d+ migration\(s\) applied; roles and permissions written/);
    const { rows } = await db.query<{ name: string }>("SELECT name FROM roles ORDER BY name");
    expect(rows.map((r) => r.name)).toEqual(["admin", "ops", "product", "viewer"]);
    const again = await syncdeck(["migrate"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/migrate: 0 migration\(s\) applied/);
  });

  it("creates the first admin with a password from standard input, audited as the operator", async () => {
    const run = await syncdeck(
      ["admin", "create", "--email", "first.admin@example.com", "--name", "First Admin", "--password-stdin"],
      undefined,
      "correct horse battery\n",
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("admin create: first.admin@example.com is an admin\n");
    const { rows } = await db.query<{ password_hash: string; global_role_name: string }>(
      "SELECT password_hash, global_role_name FROM users WHERE email = $1",
      ["first.admin@example.com"],
    );
    expect(rows[0]!.global_role_name).toBe("admin");
    expect(await bcrypt.compare("correct horse battery", rows[0]!.password_hash)).toBe(true);
    const audit = await db.query<{ actor_role: string; actor_email: string; source_address: string }>(
      "SELECT actor_role, actor_email, source_address FROM audit_events WHERE action = 'user.create' AND target = $1",
      ["user:first.admin@example.com"],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_role).toBe("operator (syncdeck command)");
    expect(audit.rows[0]!.source_address).toMatch(/^cli:/);
  });

  it("generates and prints a password once when none is given", async () => {
    const run = await syncdeck(["admin", "create", "--email", "second.admin@example.com", "--name", "Second Admin"]);
    expect(run.code).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toHaveLength(24);
    const { rows } = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE email = $1", [
      "second.admin@example.com",
    ]);
    expect(await bcrypt.compare(password!, rows[0]!.password_hash)).toBe(true);
  });

  it("says what is wrong with an admin and changes nothing", async () => {
    const cases: Array<[string[], string | undefined, number, RegExp]> = [
      [["admin", "create", "--name", "X"], undefined, 2, /admin create: --email is required/],
      [["admin", "create", "--email", "not-an-email", "--name", "X"], undefined, 2, /admin create: email: /],
      [
        ["admin", "create", "--email", "short@example.com", "--name", "X", "--password-stdin"],
        "short\n",
        2,
        /password must have at least 12 characters/,
      ],
      [["admin", "create", "--email", "first.admin@example.com", "--name", "Again"], undefined, 1, /already exists/],
      [["admin", "create", "--emial", "x@example.com"], undefined, 2, /admin create: Unknown option '--emial'/],
      [["admin", "delete"], undefined, 2, /admin: unknown action "delete"; the action is: create/],
    ];
    const before = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
    for (const [args, stdin, code, message] of cases) {
      const run = await syncdeck(args, undefined, stdin);
      expect(run.code, args.join(" ")).toBe(code);
      expect(run.stderr, args.join(" ")).toMatch(message);
    }
    const after = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it("adds, lists and removes environments, refusing what it cannot do with the reason", async () => {
    expect(
      (await syncdeck(["environment", "add", "staging", "--driver", "local", "--title", "Staging"])).stdout,
    ).toMatch(
      /^environment add: staging \(local\) created\nagent token: sdat_[A-Za-z0-9_-]{43}\n  shown only now: run the agent with SYNCDECK_AGENT_TOKEN=<that token> syncdeck agent --environment staging\n$/,
    );
    expect((await syncdeck(["environment", "add", "production", "--driver", "local", "--protected"])).code).toBe(0);

    const listed = JSON.parse((await syncdeck(["environment", "list", "--json"])).stdout) as Array<
      Record<string, unknown>
    >;
    const agent = {
      agentSeenAt: null,
      agentTokenSet: true,
      agentTokenCreatedAt: expect.stringMatching(/^\d{4}-/),
      agentConnectedAt: null,
    };
    expect(listed).toEqual([
      {
        id: "production",
        title: "production",
        driver: "local",
        settings: {},
        protected: true,
        ...agent,
        deployments: 0,
      },
      { id: "staging", title: "Staging", driver: "local", settings: {}, protected: false, ...agent, deployments: 0 },
    ]);
    const table = (await syncdeck(["environment", "list"])).stdout.split("\n");
    expect(table[0]).toMatch(/^NAME\s+DRIVER\s+PROTECTED\s+DEPLOYMENTS\s+AGENT TOKEN\s+AGENT LAST SEEN\s+TITLE$/);
    expect(table[1]).toMatch(/^production\s+local\s+yes\s+0\s+set\s+never\s+production$/);

    const refusals: Array<[string[], number, string]> = [
      [
        ["environment", "add", "staging", "--driver", "local"],
        1,
        "syncdeck: environment add: environment staging exists already\n",
      ],
      [
        ["environment", "add", "qa", "--driver", "nomad"],
        2,
        'syncdeck: environment add: driver: unknown driver "nomad"; this build has: local, kubernetes\n',
      ],
      [
        ["environment", "add", "qa", "--driver", "local", "--set", "namespace=x"],
        2,
        "syncdeck: environment add: settings: driver local takes no setting namespace\n",
      ],
      [
        ["environment", "add", "qa", "--driver", "local", "--set", "namespace"],
        2,
        'syncdeck: environment add: --set expects key=value, got "namespace"\n',
      ],
      [["environment", "add", "qa"], 2, "syncdeck: environment add: --driver is required\n"],
      [["environment", "remove", "qa"], 1, "syncdeck: environment remove: there is no environment qa\n"],
      [
        ["environment", "rename", "qa"],
        2,
        'syncdeck: environment: unknown action "rename"; the actions are: add, list, rotate-token, remove\n',
      ],
      [["environment", "rotate-token", "qa"], 1, "syncdeck: environment rotate-token: there is no environment qa\n"],
      [["environment", "rotate-token"], 2, "syncdeck: environment rotate-token: the environment's NAME is required\n"],
    ];
    for (const [args, code, stderr] of refusals)
      expect(await syncdeck(args), args.join(" ")).toMatchObject({ code, stderr });

    await db.query(
      `INSERT INTO deployments (id, environment_id, tenant, stage, revision, action, version, config, replicas, state, reason, requested_by)
       VALUES (gen_random_uuid(), 'production', 'acme', 'update-processor', 1, 'deploy', 'v1', '{}', 1, 'QUEUED', 'first', 'first.admin@example.com')`,
    );
    const kept = await syncdeck(["environment", "remove", "production"]);
    expect(kept.code).toBe(1);
    expect(kept.stderr).toMatch(/environment production has 1 deployment revision\(s\); its history stays/);
    expect((await syncdeck(["environment", "remove", "staging"])).stdout).toBe("environment remove: staging removed\n");

    const { rows } = await db.query<{ action: string; target: string }>(
      "SELECT action, target FROM audit_events WHERE action LIKE 'environment.%' ORDER BY id",
    );
    expect(rows).toEqual([
      { action: "environment.create", target: "environment:staging" },
      { action: "environment.create", target: "environment:production" },
      { action: "environment.remove", target: "environment:staging" },
    ]);
  });

  it("documents every command with --help", async () => {
    for (const args of [
      ["--help"],
      ["console", "--help"],
      ["agent", "--help"],
      ["processor", "--help"],
      ["worker", "--help"],
      ["migrate", "--help"],
      ["admin", "--help"],
      ["admin", "create", "--help"],
      ["environment", "--help"],
      ["environment", "add", "--help"],
      ["help", "environment"],
      ["reconcile", "--help"],
      ["help", "reconcile"],
      ["move", "--help"],
    ]) {
      const run = await syncdeck(args, {});
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stdout, args.join(" ")).toMatch(/^syncdeck /);
    }
    expect(await syncdeck(["deploy"], {})).toMatchObject({
      code: 2,
      stderr:
        'syncdeck: unknown command "deploy"; the commands are: migrate, admin, environment, cluster, console, worker, agent, processor, reconcile, move (syncdeck --help)\n',
    });
  });

  it("loads a command's code only when it runs: a processor does without the Kubernetes client and Prisma", async () => {
    const loadedFor = async (command: string) => {
      const script = `const cli = require(${JSON.stringify(path.join(root, "dist/syncdeck.cjs"))});
        cli.runCli([${JSON.stringify(command)}, "--help"], () => {})
          .then(() => console.log(JSON.stringify(Object.keys(require.cache))));`;
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: root });
      return (JSON.parse(stdout) as string[]).filter((file) => /@kubernetes\/client-node|@prisma\//.test(file));
    };
    expect(await loadedFor("processor")).toEqual([]);
    expect(await loadedFor("agent")).not.toEqual([]); // the check sees them when they are loaded
  });
});
