import "server-only";
import { disconnectSharedAdmin } from "@/lib/kafka/client";
import { disconnectPrisma } from "@/server/db/client";
import { chooseWorkers, startWorkers, WORKER_NAMES, WORKERS } from "@/server/workers/registry";
import { serveWorkerMetrics } from "@/server/workers/worker-metrics";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { checkConfiguration } from "../configuration";
import { startCommandLog, stopOnSignals } from "../logging";
import { configuredDatabaseUrl } from "./migrate";

export const WORKER_HELP = `syncdeck worker [--only NAME,...] [--skip NAME,...] [--metrics-port PORT]

Runs the console's background work in a process of its own (then run the console without
--with-workers). Every worker is safe in several replicas: the lag sampler elects one leader,
the others claim their work row by row. On SIGTERM each finishes what it holds, then the process
exits 0.

Workers:
${WORKERS.map((w) => `  ${w.name.padEnd(12)} ${w.what} (off with ${w.switchVariable}=off)`).join("\n")}

Options:
  --only NAME,...   run only these workers
  --skip NAME,...   run all but these
  --metrics-port PORT  serve /metrics and /healthz here (default SYNCDECK_METRICS_PORT, else 9464; 0 = off)

Environment: DATABASE_URL and KAFKA_BROKERS (and KAFKA_SSL/KAFKA_SASL_*) are required. The log is
JSON lines on stdout (component "worker", each line's worker in "worker"); LOG_LEVEL sets its level.
Metrics: Prometheus /metrics (process metrics, syncdeck_worker_up) and /healthz (503 once
stopping) on SYNCDECK_METRICS_HOST (default 0.0.0.0).`;

export async function worker(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("worker", argv, {
    only: { type: "string" },
    skip: { type: "string" },
    "metrics-port": { type: "string" },
  });
  if (values.help) return out(WORKER_HELP);
  const only = names("--only", values.only);
  const skip = names("--skip", values.skip);
  configuredDatabaseUrl("worker");
  checkConfiguration("worker", "worker", process.env);
  const { run, off } = chooseWorkers(process.env, only);
  const chosen = run.filter((w) => !skip.includes(w.name));
  if (chosen.length === 0) {
    const why = off.length ? ` (${off.map((w) => `${w.switchVariable}=off`).join(", ")})` : "";
    throw new CliError(`worker: no worker left to run${why}`);
  }
  const logger = startCommandLog("worker", "worker");
  let metrics;
  try {
    metrics = await serveWorkerMetrics(
      process.env,
      chosen.map((w) => w.name),
      values["metrics-port"],
    );
  } catch (error) {
    throw new CliError(
      `worker: metrics: ${(error as Error).message} (choose another with --metrics-port or SYNCDECK_METRICS_PORT, 0 for none)`,
    );
  }
  const workers = startWorkers(process.env, chosen);
  const workerNames = chosen.map((w) => w.name);
  logger.info({ workers: workerNames }, `running ${workerNames.join(", ")}`);
  if (metrics)
    logger.info(
      { port: metrics.server.port },
      `metrics on http://${metrics.server.host}:${metrics.server.port}/metrics`,
    );
  stopOnSignals(logger, workerNames.join(", "), async () => {
    metrics?.stopping();
    await workers.stop();
    await Promise.all([disconnectSharedAdmin(), disconnectPrisma()]);
  });
}

function names(option: string, value: string | undefined): string[] {
  if (value === undefined) return [];
  const list = value
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = list.filter((n) => !WORKER_NAMES.includes(n));
  if (unknown.length)
    throw new CliError(
      `worker: ${option}: unknown worker ${unknown.join(", ")}; the workers are: ${WORKER_NAMES.join(", ")}`,
    );
  return list;
}
