import "server-only";
import path from "node:path";
import { metricsListenAddress } from "@/lib/metrics/metrics-http";
import { serveAgentMetrics } from "@/scripts/stack/agent-metrics";
import { createLocalDriver } from "@/scripts/stack/local-driver";
import { startDeploymentAgent } from "@/server/deployments/agent";
import { checkAgentToken } from "@/server/deployments/agent-token";
import type { EnvironmentDriver } from "@/server/deployments/driver";
import { createKubernetesDriver } from "@/server/deployments/kubernetes/driver";
import { kubernetesSettingsOf, loadKubeConfig, PROCESSOR_SECRET_KEYS } from "@/server/deployments/kubernetes/settings";
import { getPrisma, disconnectPrisma } from "@/server/db/client";
import { parseCommand, required } from "../args";
import { CliError } from "../cli-error";
import { checkConfiguration } from "../configuration";
import { startCommandLog, stopOnSignals } from "../logging";
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
                       (a kubernetes environment runs its processors as pods in its namespace, with
                       KUBECONFIG or the pod's service account)
  --metrics-port PORT  serve /metrics and /healthz here (default SYNCDECK_METRICS_PORT, else 9465;
                       0 = off): the agent's own metrics and those of all its processors, which
                       listen on loopback at PORT+1, PORT+2, …

Environment: DATABASE_URL, KAFKA_BROKERS (and KAFKA_SSL*/KAFKA_SASL_*) and SYNCDECK_AGENT_TOKEN
(the environment's agent token, printed by \`syncdeck environment add\` or \`rotate-token\`) are
required; without the right token the agent does not start (exit 2). The processors get this
process's environment, less SYNCDECK_AGENT_TOKEN. The log is JSON lines on stdout
(component "agent"); LOG_LEVEL sets its level (and the processors').`;

export const DEFAULT_AGENT_METRICS_PORT = 9465;

export async function agent(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("agent", argv, {
    environment: { type: "string" },
    "log-dir": { type: "string" },
    "metrics-port": { type: "string" },
  });
  if (values.help) return out(AGENT_HELP);
  const environmentId = required("agent", "environment", values.environment);
  configuredDatabaseUrl("agent");
  checkConfiguration("agent", "agent", process.env);
  // Its processors inherit this environment: a setting they would refuse stops the agent now, not each processor later.
  checkConfiguration("agent", "processor", process.env);
  const logger = startCommandLog("agent", "agent", { environment: environmentId });
  const log = (line: string) => logger.info(line);
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
    throw new CliError(
      `agent: there is no environment ${environmentId}; add it with \`syncdeck environment add ${environmentId} --driver local\``,
      1,
    );
  }
  const token = checkAgentToken(environmentId, environment.agentTokenHash, process.env.SYNCDECK_AGENT_TOKEN);
  if (!token.ok) {
    await disconnectPrisma();
    throw new CliError(`agent: ${token.reason}`, 2);
  }
  if (environment.driver !== "local" && environment.driver !== "kubernetes") {
    await disconnectPrisma();
    throw new CliError(
      `agent: environment ${environmentId} uses the ${environment.driver} driver, which this build cannot run`,
      1,
    );
  }
  const connectedAt = new Date();
  await db.environment.update({
    where: { id: environmentId },
    data: { agentConnectedAt: connectedAt, agentSeenAt: connectedAt },
  });
  let driver: EnvironmentDriver & { metricsTargets(): Array<{ instanceId: string; port: number }> };
  if (environment.driver === "kubernetes") {
    // The processors run as pods: their settings come from the environment's ConfigMap and Secret.
    try {
      driver = createKubernetesDriver({
        environmentId,
        kubeConfig: loadKubeConfig(process.env),
        settings: kubernetesSettingsOf((environment.settings ?? {}) as Record<string, string>),
        secretKeys: PROCESSOR_SECRET_KEYS,
        log,
      });
    } catch (error) {
      await disconnectPrisma();
      throw new CliError(`agent: ${(error as Error).message}`, 1);
    }
  } else {
    const bundle = packagePath("dist/syncdeck.cjs");
    // The processors need no agent token: a processor that could start an agent would widen who holds it.
    const { SYNCDECK_AGENT_TOKEN: _token, ...processorEnv } = process.env;
    driver = createLocalDriver({
      environmentId,
      env: processorEnv,
      logDir: path.resolve(values["log-dir"] ?? "processor-logs"),
      log,
      // compiled JavaScript, no TypeScript runtime: the same command, as `syncdeck processor <stage>`
      program: (stage) => [bundle, "processor", stage],
      cwd: packagePath(),
      metricsPortBase: metricsAt?.port ?? null,
    });
  }
  let metrics;
  try {
    metrics = metricsAt ? await serveAgentMetrics(driver, metricsAt, process.env.SYNCDECK_METRICS_TOKEN) : null;
  } catch (error) {
    await disconnectPrisma();
    throw new CliError(
      `agent: metrics: ${(error as Error).message} (choose another port with --metrics-port or SYNCDECK_METRICS_PORT, 0 for none)`,
    );
  }
  const running = await startDeploymentAgent({ db, environmentId, driver, log });
  logger.info(
    { driver: environment.driver },
    `running the ${environmentId} environment (${environment.driver} driver)`,
  );
  if (metrics)
    logger.info(
      { port: metrics.port },
      `metrics on http://${metrics.host}:${metrics.port}/metrics (its processors' included)`,
    );
  stopOnSignals(logger, "the processors", async () => {
    metrics?.stopping();
    await running.stop();
    await disconnectPrisma();
  });
}
