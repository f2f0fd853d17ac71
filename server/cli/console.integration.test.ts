/**
 * `syncdeck console`: the standalone production server started by the command, against a database
 * migrated by `syncdeck migrate` and the integration broker — readiness, its refusals of missing
 * configuration, a migration it does not have yet, and a clean exit on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole, consoleBuildIsStale } from "../../scripts/stack/console";
import { freePort } from "../../scripts/stack/net";
import { logMessages } from "../../test/integration/log-lines";
import { createScratchDatabase, type ScratchDatabase } from "@/test/integration/throwaway-database";

const root = path.resolve(__dirname, "../..");
let scratch: ScratchDatabase | undefined;
let databaseUrl: string;
const running: ChildProcess[] = [];

function consoleEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    NEXTAUTH_SECRET: "a-test-secret-that-is-long-enough-1234",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

function startConsole(port: number, env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(
    process.execPath,
    [path.join(root, "bin/syncdeck.js"), "console", "--port", String(port), "--host", "127.0.0.1", ...args],
    { cwd: os.tmpdir(), env },
  );
  running.push(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function readyz(
  port: number,
  timeoutMs = 30_000,
): Promise<{ status: number; body: { ready: boolean; checks: Array<{ name: string; ok: boolean; reason: string }> } }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/readyz`);
      return { status: response.status, body: await response.json() };
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

beforeAll(async () => {
  if (consoleBuildIsStale()) buildConsole();
  scratch = await createScratchDatabase("console", { migrate: true });
  databaseUrl = scratch.url;
}, 300_000);

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await scratch?.drop();
});

describe("syncdeck console", () => {
  it("serves the standalone console, ready when the database, its migrations and Kafka are, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const server = startConsole(port, consoleEnv(port));
    const { status, body } = await readyz(port);
    expect(status, server.output()).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ["database", true],
      ["migrations", true],
      ["kafka", true],
    ]);
    expect(body.checks.find((c) => c.name === "migrations")!.reason).toMatch(/^\d+ applied$/);
    const login = await fetch(`http://127.0.0.1:${port}/login`);
    expect(login.status).toBe(200);
    expect(logMessages(server.output())).toContainEqual(
      expect.stringMatching(/^starting on 127\.0\.0\.1:\d+ \(workers: run `syncdeck worker`\)$/),
    );

    const stoppedAt = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  });

  it("is not ready, with the migration named, when the database lacks one of this build's migrations", async () => {
    const migrations = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-migrations-"));
    fs.cpSync(path.join(root, "prisma/migrations"), migrations, { recursive: true });
    fs.mkdirSync(path.join(migrations, "29991231000000_from_the_future"));
    fs.writeFileSync(path.join(migrations, "29991231000000_from_the_future/migration.sql"), "SELECT 1;\n");
    const port = await freePort();
    const server = startConsole(port, consoleEnv(port, { SYNCDECK_MIGRATIONS_DIR: migrations }));
    const { status, body } = await readyz(port);
    expect(status).toBe(503);
    expect(body.checks.find((c) => c.name === "migrations")).toEqual({
      name: "migrations",
      ok: false,
      reason: "1 pending migration(s): 29991231000000_from_the_future (run `syncdeck migrate`)",
      ms: expect.any(Number),
    });
    server.child.kill("SIGTERM");
    await server.exited;
    fs.rmSync(migrations, { recursive: true, force: true });
  });

  it("refuses to start without its configuration, saying which, with exit code 2", async () => {
    const port = await freePort();
    const cases: Array<[Record<string, string | undefined>, RegExp]> = [
      [{ NEXTAUTH_SECRET: undefined }, /console: NEXTAUTH_SECRET is not set/],
      [{ NEXTAUTH_SECRET: "short" }, /console: NEXTAUTH_SECRET must have at least 32 characters/],
      [{ NEXTAUTH_URL: "syncdeck.example.com" }, /console: NEXTAUTH_URL must be the console's public URL/],
      [{ KAFKA_BROKERS: undefined }, /console: KAFKA_BROKERS is not set/],
      [{ DATABASE_URL: "mysql://x" }, /console: DATABASE_URL must be a postgresql:\/\/ connection URL/],
      [{ KAFKA_SASL_MECHANISM: "kerberos" }, /console: KAFKA_SASL_MECHANISM/],
    ];
    for (const [override, message] of cases) {
      const env = consoleEnv(port);
      for (const [key, value] of Object.entries(override)) {
        if (value === undefined) delete env[key];
        else env[key] = value;
      }
      const server = startConsole(port, env);
      expect(await server.exited, JSON.stringify(override)).toBe(2);
      expect(server.output(), JSON.stringify(override)).toMatch(message);
    }
    const badPort = startConsole(port, consoleEnv(port), ["--port", "99999"]);
    expect(await badPort.exited).toBe(2);
    expect(badPort.output()).toMatch(/the port must be a number from 1 to 65535, got "99999"/);
  });
});
