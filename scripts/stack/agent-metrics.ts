/**
 * What a deployment agent serves on its metrics port: its own process metrics, one
 * `syncdeck_agent_processor_up` per instance it runs (1 running, 0 restarting or stopped), and the
 * metrics of every running processor, read from each one's loopback port at scrape time and served
 * as one exposition. So one scrape target per agent pod covers all its processors.
 */
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { mergeExpositions } from "../../pipeline/shared/merge-exposition";
import { bearerHeader, startMetricsServer, type MetricsServer } from "@/lib/metrics/metrics-http";
import type { LocalDriver } from "./local-driver";

/** a processor that does not answer within this is left out of the scrape, not waited for */
const PROCESSOR_SCRAPE_TIMEOUT_MS = 2_000;

export async function serveAgentMetrics(
  driver: Pick<LocalDriver, "observe" | "metricsTargets">,
  at: { port: number; host: string },
  /** SYNCDECK_METRICS_TOKEN: the agent's /metrics needs it, and its processors (same environment) too */
  token?: string,
): Promise<MetricsServer & { stopping(): void }> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "syncdeck_agent_" });
  const up = new Gauge({
    name: "syncdeck_agent_processor_up",
    help: "1 while the agent's processor instance runs, 0 while it restarts after a crash or is stopped.",
    labelNames: ["tenant", "stage", "instance_id"],
    registers: [registry],
  });
  const restarts = new Gauge({
    name: "syncdeck_agent_processor_restarts",
    help: "Times the agent restarted the instance after it exited.",
    labelNames: ["tenant", "stage", "instance_id"],
    registers: [registry],
  });
  const exposition = async () => {
    up.reset();
    restarts.reset();
    for (const instance of driver.observe()) {
      const labels = { tenant: instance.tenant, stage: instance.stage, instance_id: instance.instanceId };
      up.set(labels, instance.state === "running" ? 1 : 0);
      restarts.set(labels, instance.restarts);
    }
    const processors = await Promise.all(
      driver.metricsTargets().map(async ({ port }) => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
            headers: bearerHeader(token),
            signal: AbortSignal.timeout(PROCESSOR_SCRAPE_TIMEOUT_MS),
          });
          return response.ok ? await response.text() : "";
        } catch {
          return ""; // starting or gone: its up gauge says so
        }
      }),
    );
    return mergeExpositions([await registry.metrics(), ...processors]);
  };
  let unhealthy: string | null = null;
  const server = await startMetricsServer({
    ...at,
    metrics: exposition,
    unhealthyReason: () => unhealthy,
    token: token || undefined,
  });
  return { ...server, stopping: () => void (unhealthy = "stopping") };
}
