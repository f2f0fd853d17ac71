import "server-only";
import { logLevel } from "kafkajs";
import { createKafka } from "@/server/kafka/client";
import { getPrisma } from "@/server/db/client";
import type { Viewer } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { withTimeout } from "@/server/lib/with-timeout";

export type ComponentStatus =
  | { state: "up"; detail: string; latencyMs: number }
  | { state: "down"; detail: string };

export type PlatformStatus = { kafka: ComponentStatus; connect: ComponentStatus; database: ComponentStatus; checkedAt: string };

const PROBE_TIMEOUT_MS = 3_000;


async function probeKafka(): Promise<ComponentStatus> {
  const started = performance.now();
  const admin = createKafka(process.env, { retry: { retries: 0 }, connectionTimeout: PROBE_TIMEOUT_MS, logLevel: logLevel.NOTHING }).admin();
  try {
    await withTimeout(admin.connect(), PROBE_TIMEOUT_MS, "Kafka");
    const [cluster, topics] = await withTimeout(Promise.all([admin.describeCluster(), admin.listTopics()]), PROBE_TIMEOUT_MS, "Kafka");
    const userTopics = topics.filter((t) => !t.startsWith("__")).length;
    const brokers = cluster.brokers.length;
    return {
      state: "up",
      detail: `${brokers} broker${brokers === 1 ? "" : "s"}, ${userTopics} topic${userTopics === 1 ? "" : "s"}, cluster ${cluster.clusterId}`,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { state: "down", detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function probeConnect(): Promise<ComponentStatus> {
  const base = process.env.KAFKA_CONNECT_URL;
  if (!base) return { state: "down", detail: "KAFKA_CONNECT_URL is not set" };
  const started = performance.now();
  try {
    const [root, connectors] = await Promise.all(
      ["/", "/connectors"].map(async (route) => {
        const response = await fetch(new URL(route, base), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        if (!response.ok) throw new Error(`Kafka Connect answered ${response.status} on ${route}`);
        return response.json() as Promise<unknown>;
      }),
    );
    const version = (root as { version?: string }).version ?? "?";
    const count = Array.isArray(connectors) ? connectors.length : 0;
    return {
      state: "up",
      detail: `Kafka Connect ${version}, ${count} connector${count === 1 ? "" : "s"}`,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { state: "down", detail: error instanceof Error ? error.message : String(error) };
  }
}

async function probeDatabase(): Promise<ComponentStatus> {
  const started = performance.now();
  try {
    const rows = await withTimeout(getPrisma().$queryRaw<{ version: string }[]>`select current_setting('server_version') as version`, PROBE_TIMEOUT_MS, "PostgreSQL");
    return { state: "up", detail: `PostgreSQL ${rows[0]?.version ?? "?"}`, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { state: "down", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Reachability of the platform's shared parts (broker, database), for the health page's header. */
export async function getPlatformStatus(viewer: Viewer): Promise<PlatformStatus> {
  assertAllowed(viewer, "lag.read");
  const [kafka, connect, database] = await Promise.all([probeKafka(), probeConnect(), probeDatabase()]);
  return { kafka, connect, database, checkedAt: new Date().toISOString() };
}
