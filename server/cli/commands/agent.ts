import path from "node:path";
import { metricsListenAddress } from "@/pipeline/shared/metrics-http";
import { serveAgentMetrics } from "@/scripts/stack/agent-metrics";
import { createLocalDriver } from "@/scripts/stack/local-driver";
import { startDeploymentAgent } from "@/server/deployments/agent";
import { getPrisma, disconnectPrisma } from "@/server/db/client";
import { parseKafkaEnv } from "@/server/kafka/config";
import { parseCommand, required } from "../args";
import { CliError } from "../cli-error";
import { packagePath } from "../package-root";
import { configuredDatabaseUrl } from "./migrate";

export const AGENT_HELP = `syncdeck agent --environment NAME [--log-dir DIR] [--metrics-port PORT]

Runs the deployment agent of one environment: it starts, scales, restarts and stops the
environment's processors through the environment's driver as deployments ask, reports their
instances, and marks rollouts SUCCEEDED or FAILED. Run one per environment (for the local driver,
on the host where its processors should run). On SIGTERM it stops its processors (each finishes
its batch and commits) and exits 0.

Options:
  --environment NAME   the environment (see \`syncdeck environment list\`)
  --log-dir DIR        where the local driver keeps each processor's output (default ./processor-logs)
  --metrics-port PORT  serve /metrics and /healthz here (default SYNCDECK_METRICS_PORT, else 9465;
                       0 = off): the agent's own metrics and those of all its processors, which
                       listen on loopback at PORT+1, PORT+2, …

Environment: DATABASE_URL and KAFKA_BROKERS (and KAFKA_SSL/KAFKA_SASL_*) are required; the
processors get this process's environment.`;

export const DEFAULT_AGENT_METRICS_PORT = 9465;

export async function agent(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("agent", argv, { environment: { type: "string" }, "log-dir": { type: "string" }, "metrics-port": { type: "string" } });
  if (values.help) return out(AGENT_HELP);
  const environmentId = required("agent", "environment", values.environment);
  configuredDatabaseUrl("agent");
  if (!process.env.KAFKA_BROKERS) throw new CliError("agent: KAFKA_BROKERS is not set; the processors need the Kafka cluster's host:port list");
  try {
    parseKafkaEnv(process.env);
  } catch (error) {
    throw new CliError(`agent: ${(error as Error).message}`);
  }
  let metricsAt;
  try {
    metricsAt = metricsListenAddress(process.env, DEFAULT_AGENT_METRICS_PORT, values["metrics-port"]);
  } catch (error) {
    throw new CliError(`agent: ${(error as Error).message}`);
  }
  const db = getPrisma();
  const environment = await db.environment.findUnique({ where: { id: environmentId } });
  if (!environment) {
    await disconnectPrisma();
    throw new CliError(`agent: there is no environment ${environmentId}; add it with \`syncdeck environment add ${environmentId} --driver local\``, 1);
  }
  if (environment.driver !== "local") {
    await disconnectPrisma();
    throw new CliError(`agent: environment ${environmentId} uses the ${environment.driver} driver, which this build cannot run`, 1);
  }
  const bundle = packagePath("dist/syncdeck.cjs");
  const driver = createLocalDriver({
    environmentId,
    env: process.env,
    logDir: path.resolve(values["log-dir"] ?? "processor-logs"),
    log: out,
    // compiled JavaScript, no TypeScript runtime: the same command, as `syncdeck processor <stage>`
    program: (stage) => [bundle, "processor", stage],
    cwd: packagePath(),
    metricsPortBase: metricsAt?.port ?? null,
  });
  let metrics;
  try {
    metrics = metricsAt ? await serveAgentMetrics(driver, metricsAt, process.env.SYNCDECK_METRICS_TOKEN) : null;
  } catch (error) {
    await disconnectPrisma();
    throw new CliError(`agent: metrics: ${(error as Error).message} (choose another port with --metrics-port or SYNCDECK_METRICS_PORT, 0 for none)`);
  }
  const running = await startDeploymentAgent({ db, environmentId, driver, log: out });
  out(`agent: running the ${environmentId} environment (${environment.driver} driver)`);
  if (metrics) out(`agent: metrics on http://${metrics.host}:${metrics.port}/metrics (its processors' included)`);
  const stop = (signal: string) => {
    out(`agent: ${signal}: stopping the processors`);
    metrics?.stopping();
    running
      .stop()
      .then(() => disconnectPrisma())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`syncdeck: agent: stop failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}
