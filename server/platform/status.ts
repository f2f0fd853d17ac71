import "server-only";
import { connectAuthHeaders } from "@/server/connect/connect-client";
import { getSharedAdmin } from "@/lib/kafka/client";
import { getPrisma } from "@/server/db/client";
import type { Viewer } from "@/server/auth/access";
import { tenantsWith } from "@/server/auth/access";
import { assertAllowed } from "@/server/auth/viewer";
import { withTimeout } from "@/server/lib/with-timeout";
import { listClusterStates, type ClusterState } from "@/server/lag/read-lag";
import { scopePlatformStatus, type PlatformFacts, type PlatformStatus, type Probe } from "./status-view";

export type { ComponentStatus, PlatformStatus } from "./status-view";

const PROBE_TIMEOUT_MS = 3_000;
/** Every open health page polls; within this window all of them share one round of probes. */
export const STATUS_CACHE_MS = 5_000;

async function probe<T>(what: string, work: () => Promise<T>): Promise<Probe<T>> {
  const started = performance.now();
  try {
    const facts = await withTimeout(work(), PROBE_TIMEOUT_MS, what);
    return { state: "up", facts, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { state: "down", error: error instanceof Error ? error.message : String(error) };
  }
}

/** Through the process's shared admin client: no connection is opened per request. */
const probeKafka = () =>
  probe("Kafka", async () => {
    const admin = await getSharedAdmin();
    const [cluster, topics] = await Promise.all([admin.describeCluster(), admin.listTopics()]);
    return { brokers: cluster.brokers.length, clusterId: cluster.clusterId, topics };
  });

const probeConnect = () =>
  probe("Kafka Connect", async () => {
    const base = process.env.KAFKA_CONNECT_URL;
    if (!base) throw new Error("KAFKA_CONNECT_URL is not set");
    const headers = connectAuthHeaders();
    const [root, connectors] = await Promise.all(
      ["/", "/connectors"].map(async (route) => {
        const response = await fetch(new URL(route, base), { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        if (!response.ok) throw new Error(`Kafka Connect answered ${response.status} on ${route}`);
        return response.json() as Promise<unknown>;
      }),
    );
    const names = Array.isArray(connectors)
      ? connectors.filter((name): name is string => typeof name === "string")
      : [];
    return { version: (root as { version?: string }).version ?? "?", connectors: names };
  });

const probeDatabase = () =>
  probe("PostgreSQL", async () => {
    const rows = await getPrisma().$queryRaw<
      { version: string }[]
    >`select current_setting('server_version') as version`;
    return { version: rows[0]?.version ?? "?" };
  });

async function probeAll(): Promise<PlatformFacts> {
  const [kafka, connect, database] = await Promise.all([probeKafka(), probeConnect(), probeDatabase()]);
  return { kafka, connect, database, checkedAt: new Date().toISOString() };
}

const holder = globalThis as typeof globalThis & {
  __syncdeckPlatformFacts?: { at: number; facts: Promise<PlatformFacts> };
};

/** One round of probes per STATUS_CACHE_MS, shared by every caller (and in flight, by concurrent ones). */
function cachedFacts(now = Date.now()): Promise<PlatformFacts> {
  const cached = holder.__syncdeckPlatformFacts;
  if (cached && now - cached.at < STATUS_CACHE_MS) return cached.facts;
  const facts = probeAll();
  holder.__syncdeckPlatformFacts = { at: now, facts };
  return facts;
}

/** For tests: the next call probes afresh. */
export function forgetPlatformStatus(): void {
  holder.__syncdeckPlatformFacts = undefined;
}

/**
 * Reachability of the platform's shared parts (broker, Connect, database), for the health page's
 * header: platform-wide viewers see the whole cluster, others only their tenants' topics and connectors;
 * and every Kafka cluster's state as the lag sampler last found it.
 */
export async function getPlatformStatus(viewer: Viewer): Promise<PlatformStatus & { clusters: ClusterState[] }> {
  assertAllowed(viewer, "lag.read");
  const tenantIds = tenantsWith(viewer, "lag.read");
  const [facts, clusters, slugs] = await Promise.all([
    cachedFacts(),
    // every Kafka cluster as the lag sampler last found it (the probes above are the default one's)
    listClusterStates(),
    tenantIds === "all"
      ? ("all" as const)
      : getPrisma()
          .tenant.findMany({ where: { id: { in: tenantIds } }, select: { slug: true } })
          .then((rows) => rows.map((row) => row.slug)),
  ]);
  // cluster names and why one is down (its brokers' addresses) are the platform's, not a tenant's
  return { ...scopePlatformStatus(facts, slugs), clusters: slugs === "all" ? clusters : [] };
}
