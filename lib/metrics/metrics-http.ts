/**
 * The small HTTP server a process serves its metrics on (processors, `syncdeck worker`):
 * `GET /metrics` in the Prometheus text format, `GET /healthz` 200 while the process does its work
 * and 503 once it does not (crashed, stopping). Plain node:http: no framework for two routes.
 * With a token (SYNCDECK_METRICS_TOKEN, as the console's /api/metrics) /metrics needs
 * `Authorization: Bearer <token>`: its labels name tenants. /healthz stays open for probes.
 */
import { timingSafeEqual } from "node:crypto";
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
  /** when set, /metrics answers 401 without `Authorization: Bearer <token>` */
  token?: string;
};

/** Timing-safe; false without a token to compare with. */
export function bearerMatches(authorization: string | undefined | null, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header a scrape of another SyncDeck process sends (the agent reading its processors). */
export const bearerHeader = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "text/plain", "GET only\n");
    if (path === "/healthz") {
      const reason = options.unhealthyReason();
      return send(response, reason === null ? 200 : 503, "text/plain", reason === null ? "ok\n" : `${reason}\n`);
    }
    if (path === "/metrics") {
      if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
        response.setHeader("www-authenticate", "Bearer");
        return send(response, 401, "text/plain", "Send Authorization: Bearer <SYNCDECK_METRICS_TOKEN>\n");
      }
      const metrics = options.metrics;
      (typeof metrics === "function" ? metrics() : metrics.metrics())
        .then((body) => send(response, 200, PROMETHEUS_CONTENT_TYPE, body))
        .catch((error: unknown) =>
          send(
            response,
            500,
            "text/plain",
            `metrics failed: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
        );
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
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`SYNCDECK_METRICS_PORT must be a port number 0-65535, 0 for off (got "${raw}")`);
  if (port === 0) return null;
  return { port, host: env.SYNCDECK_METRICS_HOST?.trim() || "0.0.0.0" };
}
