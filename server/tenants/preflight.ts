/**
 * Pre-flight checks for an onboarding request, shown on the approval screen and re-run by approve:
 * names free (tenant, topics, connector, managed database), broker reachable, partitions planned,
 * source database reachable and ready for logical replication, Connect reachable, the target
 * environment's agent reporting. Each check says what it found in words; none changes anything.
 */
import "server-only";
import type { Admin } from "kafkajs";
import type pg from "pg";
import { replicationFactorFromEnv } from "@/lib/kafka/ensure-topics";
import type { SourceTarget } from "@/lib/source-db/source-client";
import { sourceDatabaseName, withClient } from "@/lib/source-db/source-db";
import type { ConnectClient } from "../connect/connect-client";
import { connectorName } from "@/lib/connect/connector-config";
import type { PrismaClient } from "../db/generated/client";
import { withTimeout } from "../lib/with-timeout";
import { planPartitions } from "./partitions";
import { resolveSource } from "./source";

export type Check = { key: string; label: string; ok: boolean; detail: string };
export type PreflightDeps = {
  db: PrismaClient;
  env: Record<string, string | undefined>;
  admin: () => Promise<Admin>;
  connect: ConnectClient;
};
type TenantForChecks = {
  id: string;
  slug: string;
  source: unknown;
  entities: string[];
  expectedDailyChanges: number;
  peakChangesPerSecond: number;
  environmentId: string | null;
};

const CHECK_TIMEOUT_MS = 8_000;
const AGENT_FRESH_MS = 30_000;

async function check(key: string, label: string, run: () => Promise<string>): Promise<Check> {
  try {
    return { key, label, ok: true, detail: await withTimeout(run(), CHECK_TIMEOUT_MS, label) };
  } catch (error) {
    return { key, label, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The source's TLS settings and the refusal of clear-text passwords come with `target` (./source.ts). */
async function query<T extends pg.QueryResultRow>(
  target: SourceTarget,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withClient(target, async (client) => (await client.query<T>(sql, params)).rows, {
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
  });
}

export async function runPreflight(deps: PreflightDeps, tenant: TenantForChecks): Promise<Check[]> {
  const prefix = `sync.${tenant.slug}.`;
  const plan = planPartitions(tenant);
  return Promise.all([
    check("names", "Slug and topic names free", async () => {
      const other = await deps.db.tenant.count({ where: { slug: tenant.slug, id: { not: tenant.id } } });
      if (other) throw new Error(`another tenant is called ${tenant.slug}`);
      const topics = (await (await deps.admin()).listTopics()).filter((t) => t.startsWith(prefix));
      if (topics.length)
        throw new Error(`topics exist already: ${topics.slice(0, 5).join(", ")}${topics.length > 5 ? ", …" : ""}`);
      return `no tenant, topic (${prefix}*) or consumer group uses ${tenant.slug}`;
    }),
    check("broker", "Kafka reachable", async () => {
      const cluster = await (await deps.admin()).describeCluster();
      const replication = replicationFactorFromEnv(deps.env);
      if (cluster.brokers.length < replication)
        throw new Error(`${cluster.brokers.length} broker(s) up, fewer than the replication factor ${replication}`);
      return `${cluster.brokers.length} broker(s), controller ${cluster.controller ?? "unknown"}, replication factor ${replication}`;
    }),
    check("partitions", "Partitions from the expected volume", async () => plan.explanation),
    check("source", "Source database reachable", async () => {
      const source = resolveSource(tenant.slug, tenant.source, deps.env);
      if (source.serverUrl) {
        const [wal] = await query<{ wal_level: string }>(source.serverUrl, "SHOW wal_level");
        if (wal?.wal_level !== "logical")
          throw new Error(`the source server runs with wal_level=${wal?.wal_level}; CDC needs logical`);
        const exists = await query(source.serverUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [
          sourceDatabaseName(tenant.slug),
        ]);
        if (exists.length)
          throw new Error(`database ${sourceDatabaseName(tenant.slug)} exists already on the source server`);
        return `will create ${sourceDatabaseName(tenant.slug)} on ${new URL(source.serverUrl).host} (wal_level=logical)`;
      }
      const [wal] = await query<{ wal_level: string }>(source.target, "SHOW wal_level");
      if (wal?.wal_level !== "logical")
        throw new Error(`${source.display} runs with wal_level=${wal?.wal_level}; CDC needs logical`);
      const tables = await query<{ table_name: string }>(
        source.target,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)",
        [tenant.entities],
      );
      const missing = tenant.entities.filter((e) => !tables.some((t) => t.table_name === e));
      if (missing.length) throw new Error(`${source.display} has no table ${missing.join(", ")}`);
      const [role] = await query<{ can: boolean }>(
        source.target,
        "SELECT rolreplication OR rolsuper AS can FROM pg_roles WHERE rolname = current_user",
      );
      if (!role?.can) throw new Error(`the user of ${source.display} lacks the REPLICATION attribute`);
      return `${source.display}: wal_level=logical, tables ${tenant.entities.join(", ")}, replication allowed`;
    }),
    check("connect", "Kafka Connect reachable", async () => {
      const connectors = await deps.connect.listConnectors();
      if (connectors.includes(connectorName(tenant.slug)))
        throw new Error(`connector ${connectorName(tenant.slug)} exists already`);
      return `${connectors.length} connector(s) on ${deps.connect.url}; ${connectorName(tenant.slug)} is free`;
    }),
    check("environment", "Target environment ready", async () => {
      const id = tenant.environmentId ?? "local";
      const environment = await deps.db.environment.findUnique({ where: { id } });
      if (!environment) throw new Error(`no environment ${id}`);
      const seen = environment.agentSeenAt;
      if (!seen || Date.now() - seen.getTime() > AGENT_FRESH_MS)
        throw new Error(`the agent of ${id} is not reporting (last seen ${seen?.toISOString() ?? "never"})`);
      return `${environment.name}${environment.protected ? " (protected)" : ""}: agent reporting`;
    }),
  ]);
}
