/**
 * Each long-running `syncdeck` command checks its whole configuration against the catalogue before
 * it connects to anything, and refuses a wrong value with exit code 2 and the variable's name.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CliError } from "./cli-error";
import { runCli } from "./main";

const valid = {
  DATABASE_URL: "postgresql://syncdeck:pw@127.0.0.1:1/syncdeck",
  KAFKA_BROKERS: "127.0.0.1:1",
  NEXTAUTH_SECRET: "s".repeat(32),
  NEXTAUTH_URL: "https://syncdeck.example.com",
};

async function refusal(argv: string[], env: Record<string, string>): Promise<CliError> {
  for (const [name, value] of Object.entries({ ...valid, ...env })) vi.stubEnv(name, value);
  const error = await runCli(argv, () => undefined).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("syncdeck commands check their configuration at start", () => {
  it.each([
    [
      ["worker"],
      { RETRY_MAX_ATTEMPTS: "x" },
      'worker: RETRY_MAX_ATTEMPTS must be a whole number from 1 to 100, got "x"',
    ],
    [
      ["worker"],
      { SYNCDECK_RECONCILE_CHUNK_ROWS: "lots" },
      'worker: SYNCDECK_RECONCILE_CHUNK_ROWS must be a whole number from 1 to 1000000, got "lots"',
    ],
    [
      ["agent", "--environment", "production"],
      { KAFKA_SSL: "yes" },
      'agent: KAFKA_SSL must be "true" or unset (got "yes")',
    ],
    [
      ["agent", "--environment", "production"],
      { HEARTBEAT_INTERVAL_MS: "soon" },
      'agent: HEARTBEAT_INTERVAL_MS must be a positive integer, got "soon"',
    ],
    [
      ["processor", "update-processor", "--tenant", "acme"],
      { CONSUMER_CONCURRENCY: "0" },
      'processor: CONSUMER_CONCURRENCY must be a positive integer, got "0"',
    ],
    [
      ["console"],
      { SYNCDECK_SESSION_CACHE_MS: "5s" },
      'console: SYNCDECK_SESSION_CACHE_MS must be a whole number from 0 to 300000, got "5s"',
    ],
    [
      ["console"],
      { NEXTAUTH_URL: "syncdeck.example.com" },
      'console: NEXTAUTH_URL must be the console\'s public URL (https://syncdeck.example.com), got "syncdeck.example.com"',
    ],
    [
      ["migrate"],
      { LOG_LEVEL: "loud" },
      'migrate: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal; got "loud"',
    ],
  ])("%j with %j exits 2: %s", async (argv, env, message) => {
    const error = await refusal(argv, env);
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
  });
});
