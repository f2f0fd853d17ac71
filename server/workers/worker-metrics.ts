/**
 * What `syncdeck worker` serves on --metrics-port or SYNCDECK_METRICS_PORT (default 9464): the process' default
 * metrics (prefix `syncdeck_`) and `syncdeck_worker_up{worker}`, 1 while a worker runs and 0 once
 * it is stopping; /healthz answers 503 from then on.
 */
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { metricsListenAddress, startMetricsServer, type MetricsServer } from "@/lib/metrics/metrics-http";

export const DEFAULT_WORKER_METRICS_PORT = 9464;

export type WorkerMetrics = { server: MetricsServer; stopping(): void; close(): Promise<void> };

/** Null when SYNCDECK_METRICS_PORT=0. Throws when the port cannot be served (taken, invalid). */
export async function serveWorkerMetrics(
  env: Readonly<Record<string, string | undefined>>,
  workers: readonly string[],
  portOption?: string,
): Promise<WorkerMetrics | null> {
  const at = metricsListenAddress(env, DEFAULT_WORKER_METRICS_PORT, portOption);
  if (!at) return null;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "syncdeck_" });
  const up = new Gauge({
    name: "syncdeck_worker_up",
    help: "1 while the background worker runs in this process, 0 once it is stopping.",
    labelNames: ["worker"],
    registers: [registry],
  });
  for (const worker of workers) up.set({ worker }, 1);
  let unhealthy: string | null = null;
  const server = await startMetricsServer({
    ...at,
    metrics: registry,
    unhealthyReason: () => unhealthy,
    token: env.SYNCDECK_METRICS_TOKEN || undefined,
  });
  return {
    server,
    stopping() {
      unhealthy = "stopping";
      for (const worker of workers) up.set({ worker }, 0);
    },
    close: () => server.close(),
  };
}
