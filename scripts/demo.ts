/**
 * `npm run demo`: the whole product on this machine — Kafka (KRaft) and PostgreSQL unless
 * KAFKA_BROKERS / DATABASE_URL point elsewhere, migrations and demo data, and the console.
 * Ctrl-C stops everything it started.
 *
 *   --port N         console port (default $PORT or 3000)
 *   --data-dir DIR   where Kafka and Postgres keep their data (default .data)
 *   --ephemeral      delete the data dir on exit (tests)
 *   --no-pipeline    only the platform and the console: no connectors, simulators or processors
 *
 * Metrics are on: the console's /api/metrics takes SYNCDECK_METRICS_TOKEN, or a token made up
 * for this run (printed with a curl line at start); the processors' metrics are served by the
 * demo's agent on SYNCDECK_METRICS_PORT (default 9465).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_USERS } from "../server/auth/demo-users";
import { buildConsole, consoleBuildIsStale, startConsole } from "./stack/console";
import { startDemoPipeline, type DemoPipeline } from "./stack/demo-pipeline";
import { startLocalStack } from "./stack/local-stack";
import { MissingToolError } from "./stack/tools";

const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: process.env.PORT ?? "3000" },
      "data-dir": { type: "string", default: path.resolve(__dirname, "../.data") },
      ephemeral: { type: "boolean", default: false },
      "no-pipeline": { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`--port must be a port number, got "${values.port}"`);
  const dataDir = path.resolve(values["data-dir"]!);
  const startedAt = performance.now();
  const givenToken = process.env.SYNCDECK_METRICS_TOKEN;
  const metricsToken = givenToken || randomBytes(24).toString("base64url");

  const stack = await startLocalStack({ dataDir, demo: true, log });
  let stopping: Promise<void> | null = null;
  let console_: Awaited<ReturnType<typeof startConsole>> | null = null;
  let pipeline: DemoPipeline | null = null;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      log(`${signal}: stopping`);
      await pipeline?.stop();
      await console_?.stop();
      await stack.stop();
      if (values.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
      log("stopped");
    })());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }

  try {
    if (consoleBuildIsStale()) {
      log("building the console (first run or sources changed)…");
      buildConsole();
    }
    if (!values["no-pipeline"]) pipeline = await startDemoPipeline(stack.env, dataDir, log);
    console_ = await startConsole({
      port,
      env: { ...stack.consoleEnv, SYNCDECK_METRICS_TOKEN: metricsToken, NEXTAUTH_URL: `http://localhost:${port}` },
    });
  } catch (error) {
    await shutdown("error");
    throw error;
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  log(`ready in ${seconds} s`);
  for (const line of [...stack.started, ...(pipeline?.started ?? [])]) log(`  ${line}`);
  log(`  SyncDeck console on ${console_.url}`);
  const bearer = givenToken ? "$SYNCDECK_METRICS_TOKEN" : metricsToken;
  log(
    `  console metrics${givenToken ? " (token from SYNCDECK_METRICS_TOKEN)" : ` (token for this run: ${metricsToken})`}:`,
  );
  log(`    curl -H "Authorization: Bearer ${bearer}" ${console_.url}/api/metrics`);
  log("  sign in with:");
  for (const user of DEMO_USERS) log(`    ${user.role.padEnd(8)} ${user.email} / ${user.password}`);
  log("Ctrl-C stops everything.");
}

main().catch((error) => {
  if (error instanceof MissingToolError) {
    console.error(error.message);
  } else {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
