/**
 * What every processor is started with: `--tenant <slug>` (required) and `--instance-id <id>`
 * on the command line, the rest from the environment (validated here, once, at start):
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
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { metricsListenAddress } from "@/lib/metrics/metrics-http";
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import type { Stage } from "@/lib/contract/topics";

export interface ProcessorConfig {
  tenant: string;
  stage: Stage;
  instanceId: string;
  version: string;
  databaseUrl: string;
  heartbeatIntervalMs: number;
  trailRetentionDays: number;
  consumerMaxBytes: number;
  consumerMaxWaitMs: number;
  consumerSessionTimeoutMs: number;
  consumerConcurrency: number;
  /** null = unlimited */
  consumerMaxRate: number | null;
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
    options: { tenant: { type: "string" }, "instance-id": { type: "string" }, "metrics-port": { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.tenant) throw new Error(`usage: ${stage} --tenant <slug> [--instance-id <id>] [--metrics-port <port>]`);
  const tenant = assertTenantSlug(values.tenant);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "invalid environment");
  const vars = parsed.data;
  return {
    tenant,
    stage,
    instanceId: values["instance-id"] ?? `${tenant}.${stage}.${os.hostname()}.${process.pid}`,
    version: vars.PROCESSOR_VERSION ?? env.npm_package_version ?? "dev",
    databaseUrl: vars.DATABASE_URL,
    heartbeatIntervalMs: vars.HEARTBEAT_INTERVAL_MS,
    trailRetentionDays: vars.TRAIL_RETENTION_DAYS,
    consumerMaxBytes: vars.CONSUMER_MAX_BYTES,
    consumerMaxWaitMs: vars.CONSUMER_MAX_WAIT_MS,
    consumerSessionTimeoutMs: vars.CONSUMER_SESSION_TIMEOUT_MS,
    consumerConcurrency: vars.CONSUMER_CONCURRENCY,
    consumerMaxRate: vars.CONSUMER_MAX_RATE ?? null,
    metrics: withToken(metricsListenAddress(env, 0, values["metrics-port"]), env.SYNCDECK_METRICS_TOKEN),
  };
}

const withToken = (at: { port: number; host: string } | null, token: string | undefined) =>
  at && token ? { ...at, token } : at;
