/**
 * What every processor is started with: `--tenant <slug>` (a dedicated processor) or
 * `--pool pool-<name> --tenants <slug>,<slug>,…` (one process serving a pool of tenants, runner.ts),
 * and `--instance-id <id>` on the command line, the rest from the environment (validated here,
 * once, at start):
 *
 *   DATABASE_URL              target Postgres (event trail, heartbeats, entities)   required
 *   KAFKA_*                   see lib/kafka/config.ts                              required
 *   PROCESSOR_VERSION         reported in heartbeats                     default package version
 *   HEARTBEAT_INTERVAL_MS     default 5000
 *   TRAIL_RETENTION_DAYS      event-trail day partitions kept            default 7
 *   CONSUMER_MAX_BYTES        fetch size per request                     default 10 MiB
 *   CONSUMER_MAX_WAIT_MS      how long the broker may hold a fetch       default 100
 *   CONSUMER_SESSION_TIMEOUT_MS  how soon the group gives a dead          default 30000
 *                             member's partitions to the others (kafkajs' default; lower means
 *                             faster failover after a crash, but a member must heartbeat within it)
 *   CONSUMER_MAX_RATE         messages per second per instance (pace.ts)  default unlimited
 *   CONSUMER_CONCURRENCY      partitions' batches processed at once      default 3
 *                             (safe: a partition's keys are disjoint from another's, so their
 *                             transactions touch different rows; it overlaps Kafka, Node and
 *                             Postgres work)
 *   SYNCDECK_METRICS_PORT     /metrics and /healthz (metrics-http.ts); `--metrics-port` wins   default 0 = off
 *   SYNCDECK_METRICS_HOST     the address they listen on                 default 0.0.0.0
 *   SYNCDECK_METRICS_TOKEN    when set, /metrics needs it as a bearer token
 *   TARGET_LOCK_TIMEOUT_MS    how long a statement may wait for a lock   default 5000
 *                             in the target before it fails (a locked table pauses that tenant
 *                             with backoff instead of holding a connection the others need)
 *   POOL_CONCURRENCY          in a pool, batches of all its tenants       default 16
 *                             handled at once (its Postgres slots; CONSUMER_CONCURRENCY stays
 *                             each tenant's own partitions at once)
 *   TENANT_BATCH_BUDGET       in a pool, messages of one tenant handled   default 500
 *                             per turn before another tenant may take the slot (a dedicated
 *                             processor handles whole batches)
 *   TENANT_PAUSE_BASE_MS      a failing tenant's first pause, doubling    default 1000
 *   TENANT_PAUSE_MAX_MS       up to this                                  default 30000
 *   POOL_MEMBERS_REFRESH_MS   with --refresh-members, how often a pool    default 5000
 *                             re-reads its members from the tenants table (pool-members.ts)
 *
 * `--refresh-members` (pools only; the deployment agents set it): `--tenants` is only the start
 * list, and the pool serves the ACTIVE tenants placed in it as the tenants table says, re-read
 * every POOL_MEMBERS_REFRESH_MS from the DATABASE_URL database. Without it `--tenants` is the
 * fixed list, for a processor whose database has no tenants table (one run by hand, or a target
 * database apart from the console's).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { metricsListenAddress } from "@/lib/metrics/metrics-http";
import { isPoolName } from "@/lib/contract/placement";
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import type { Stage } from "@/lib/contract/topics";

export interface ProcessorConfig {
  /** the tenant this configuration serves (a pool's process-level configuration: its first) */
  tenant: string;
  /** every tenant the process serves: `[tenant]` for a dedicated processor */
  tenants: string[];
  /** the pool's name; null for a dedicated processor */
  pool: string | null;
  stage: Stage;
  /** the process' instance id; in a pool each tenant beats as `<instanceId>/<tenant>` (tenantConfig) */
  instanceId: string;
  version: string;
  databaseUrl: string;
  heartbeatIntervalMs: number;
  trailRetentionDays: number;
  consumerMaxBytes: number;
  consumerMaxWaitMs: number;
  consumerSessionTimeoutMs: number;
  consumerConcurrency: number;
  /** Postgres slots of the whole process: CONSUMER_CONCURRENCY for one tenant, POOL_CONCURRENCY for a pool */
  databaseSlots: number;
  /** null = unlimited */
  consumerMaxRate: number | null;
  targetLockTimeoutMs: number;
  /** messages of one tenant per turn on a processing slot; null = whole batches (dedicated) */
  tenantBatchBudget: number | null;
  tenantPause: { baseMs: number; maxMs: number };
  /** a pool re-reads its members from the tenants table every this many ms; null = `--tenants` is fixed */
  membersRefreshMs: number | null;
  /** where to serve /metrics and /healthz, and the bearer token /metrics needs (if any); null = off */
  metrics: { port: number; host: string; token?: string } | null;
}

const positiveInt = (name: string, fallback: number) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? fallback : value),
    z.coerce
      .number({ error: `${name} must be a positive integer` })
      .int(`${name} must be a positive integer`)
      .positive(`${name} must be a positive integer`),
  );

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (postgresql://…)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  PROCESSOR_VERSION: z.string().max(60).optional(),
  HEARTBEAT_INTERVAL_MS: positiveInt("HEARTBEAT_INTERVAL_MS", 5_000),
  TRAIL_RETENTION_DAYS: positiveInt("TRAIL_RETENTION_DAYS", 7),
  CONSUMER_MAX_BYTES: positiveInt("CONSUMER_MAX_BYTES", 10 * 1024 * 1024),
  CONSUMER_MAX_WAIT_MS: positiveInt("CONSUMER_MAX_WAIT_MS", 100),
  CONSUMER_SESSION_TIMEOUT_MS: positiveInt("CONSUMER_SESSION_TIMEOUT_MS", 30_000),
  CONSUMER_CONCURRENCY: positiveInt("CONSUMER_CONCURRENCY", 3),
  TARGET_LOCK_TIMEOUT_MS: positiveInt("TARGET_LOCK_TIMEOUT_MS", 5_000),
  POOL_CONCURRENCY: positiveInt("POOL_CONCURRENCY", 16),
  TENANT_BATCH_BUDGET: positiveInt("TENANT_BATCH_BUDGET", 500),
  TENANT_PAUSE_BASE_MS: positiveInt("TENANT_PAUSE_BASE_MS", 1_000),
  TENANT_PAUSE_MAX_MS: positiveInt("TENANT_PAUSE_MAX_MS", 30_000),
  POOL_MEMBERS_REFRESH_MS: positiveInt("POOL_MEMBERS_REFRESH_MS", 5_000),
  CONSUMER_MAX_RATE: z
    .union([z.literal("").transform(() => undefined), positiveInt("CONSUMER_MAX_RATE", 1)])
    .optional(),
});

/** Each variable's own schema, for the configuration catalogue (server/config/catalogue.ts). */
export const processorEnvShape = envSchema.shape;

/** Throws an Error whose message names the offending argument or variable (never echoes the URL). */
export function parseProcessorConfig(
  stage: Stage,
  argv: string[],
  env: Record<string, string | undefined>,
): ProcessorConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: { type: "string" },
      pool: { type: "string" },
      tenants: { type: "string" },
      "instance-id": { type: "string" },
      "metrics-port": { type: "string" },
      "refresh-members": { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const { tenants, pool } = servedTenants(stage, values);
  if (values["refresh-members"] && !pool) throw new Error("--refresh-members is for a pool (--pool, --tenants)");
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "invalid environment");
  const vars = parsed.data;
  const instanceId = values["instance-id"] ?? `${pool ?? tenants[0]}.${stage}.${os.hostname()}.${process.pid}`;
  if (pool && instanceId.length + 1 + Math.max(...tenants.map((t) => t.length)) > INSTANCE_ID_MAX)
    throw new Error(`--instance-id is too long: with a tenant's slug it must fit ${INSTANCE_ID_MAX} characters`);
  return {
    tenant: tenants[0]!,
    tenants,
    pool,
    stage,
    instanceId,
    version: vars.PROCESSOR_VERSION ?? env.npm_package_version ?? "dev",
    databaseUrl: vars.DATABASE_URL,
    heartbeatIntervalMs: vars.HEARTBEAT_INTERVAL_MS,
    trailRetentionDays: vars.TRAIL_RETENTION_DAYS,
    consumerMaxBytes: vars.CONSUMER_MAX_BYTES,
    consumerMaxWaitMs: vars.CONSUMER_MAX_WAIT_MS,
    consumerSessionTimeoutMs: vars.CONSUMER_SESSION_TIMEOUT_MS,
    consumerConcurrency: vars.CONSUMER_CONCURRENCY,
    databaseSlots: pool ? vars.POOL_CONCURRENCY : vars.CONSUMER_CONCURRENCY,
    consumerMaxRate: vars.CONSUMER_MAX_RATE ?? null,
    targetLockTimeoutMs: vars.TARGET_LOCK_TIMEOUT_MS,
    tenantBatchBudget: pool ? vars.TENANT_BATCH_BUDGET : null,
    tenantPause: {
      baseMs: vars.TENANT_PAUSE_BASE_MS,
      maxMs: Math.max(vars.TENANT_PAUSE_BASE_MS, vars.TENANT_PAUSE_MAX_MS),
    },
    membersRefreshMs: values["refresh-members"] ? vars.POOL_MEMBERS_REFRESH_MS : null,
    metrics: withToken(metricsListenAddress(env, 0, values["metrics-port"]), env.SYNCDECK_METRICS_TOKEN),
  };
}

/** processor_heartbeats.instance_id holds 100 characters */
const INSTANCE_ID_MAX = 100;

function servedTenants(
  stage: Stage,
  values: { tenant?: string; pool?: string; tenants?: string },
): { tenants: string[]; pool: string | null } {
  const usage = `usage: ${stage} (--tenant <slug> | --pool <name> --tenants <slug>,<slug>,… [--refresh-members]) [--instance-id <id>] [--metrics-port <port>]`;
  if (values.tenant) {
    if (values.pool || values.tenants)
      throw new Error(`--tenant serves one tenant; a pool takes --pool and --tenants\n${usage}`);
    return { tenants: [assertTenantSlug(values.tenant)], pool: null };
  }
  if (!values.pool || !values.tenants) throw new Error(usage);
  if (!isPoolName(values.pool))
    throw new Error(`pool name "${values.pool}" must be "pool-" then lowercase letters, digits or dashes (at most 40)`);
  const tenants = [
    ...new Set(
      values.tenants
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ].map(assertTenantSlug);
  if (tenants.length === 0) throw new Error(`--tenants names no tenant\n${usage}`);
  return { tenants, pool: values.pool };
}

/**
 * The configuration one tenant of a pool runs with: its own slug and heartbeat instance id. A pool
 * that refreshes its members may serve a tenant not in its start list.
 */
export function tenantConfig(config: ProcessorConfig, tenant: string): ProcessorConfig {
  const mayServe = config.tenants.includes(tenant) || (config.pool !== null && config.membersRefreshMs !== null);
  if (!mayServe) throw new Error(`tenant ${tenant} is not served by this processor`);
  return config.pool === null
    ? config
    : { ...config, tenant, tenants: [tenant], instanceId: `${config.instanceId}/${tenant}` };
}

const withToken = (at: { port: number; host: string } | null, token: string | undefined) =>
  at && token ? { ...at, token } : at;
