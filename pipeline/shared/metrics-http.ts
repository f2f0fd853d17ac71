/**
 * The small HTTP server a process serves its metrics on (processors, `syncdeck worker`):
 * `GET /metrics` in the Prometheus text format, `GET /healthz` 200 while the process does its work
 * and 503 once it does not (crashed, stopping). Plain node:http: no framework for two routes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type MetricsServer = { port: number; host: string; close(): Promise<void> };

export type MetricsServerOptions = {
  port: number;
  host: string;
  /** a registry, or a function that writes the exposition for each scrape */
  metrics: Registry | (() => Promise<string>);
  /** null when healthy, else why not (the 503's body) */
  unhealthyReason: () => string | null;
};

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "text/plain", "GET only\n");
    if (path === "/healthz") {
      const reason = options.unhealthyReason();
      return send(response, reason === null ? 200 : 503, "text/plain", reason === null ? "ok\n" : `${reason}\n`);
    }
    if (path === "/metrics") {
      const metrics = options.metrics;
      (typeof metrics === "function" ? metrics() : metrics.metrics())
        .then((body) => send(response, 200, PROMETHEUS_CONTENT_TYPE, body))
        .catch((error: unknown) => send(response, 500, "text/plain", `metrics failed: ${error instanceof Error ? error.message : String(error)}\n`));
      return;
    }
    send(response, 404, "text/plain", "not found: /metrics and /healthz are served here\n");
  });
  // Scrapers keep connections alive; closing must not wait for them.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    host: options.host,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  response.end(body);
}

/**
 * Where to serve: `SYNCDECK_METRICS_PORT` (0 = off; `fallback` when unset) and
 * `SYNCDECK_METRICS_HOST` (default 0.0.0.0, so a container's port is reachable). Throws on a value
 * that is not a port.
 */
export function metricsListenAddress(
  env: Readonly<Record<string, string | undefined>>,
  fallbackPort: number,
  portOverride?: string,
): { port: number; host: string } | null {
  const raw = portOverride ?? env.SYNCDECK_METRICS_PORT;
  const port = raw === undefined || raw.trim() === "" ? fallbackPort : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`SYNCDECK_METRICS_PORT must be a port number 0-65535, 0 for off (got "${raw}")`);
  if (port === 0) return null;
  return { port, host: env.SYNCDECK_METRICS_HOST?.trim() || "0.0.0.0" };
}
