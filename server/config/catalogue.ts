/**
 * Every environment variable SyncDeck reads, in one place: its shape (a zod schema over the raw
 * text), default, meaning, the processes that read it, and whether it is a secret. `loadConfig`
 * (./load.ts) validates a process's variables against it at start; `npm run docs:config` writes
 * `.env.example` and `docs/configuration.md` from it; a test fails when the code reads a variable
 * that is not here (./env-reads.test.ts), and the chart test when the chart sets one.
 *
 * Where a module already parses its variables (Kafka, the processors, sign-in, proxies, retries) the
 * entry reuses that module's schema, so a rule lives in one place. Imported by the CLI, the workers
 * and the processors alike: no `server-only`, nothing that opens a connection.
 */
import { z } from "zod";
import { parseWebhookAllowList } from "@/server/alerts/webhook-address";
import { proxyTrustShape } from "@/server/auth/client-address";
import { oidcEnvShape } from "@/server/auth/oidc-settings";
import { sessionMaxAgeHoursSchema } from "@/server/auth/session-policy";
import { kafkaEnvShape } from "@/lib/kafka/config";
import { parseLogLevel } from "@/lib/log/logger";
import { KAFKA_SECRET_PREFIX } from "@/server/clusters/cluster-input";
import { SECRET_PREFIX, SSL_MODES, parseSecretHosts } from "@/server/tenants/source-secrets";
import { replicationFactorSchema } from "@/lib/kafka/ensure-topics";
import { processorEnvShape } from "@/pipeline/shared/processor-config";
import { POOL_NAME } from "@/lib/contract/placement";
import { parseBurst } from "@/pipeline/source-simulator/rate";
import { DEFAULT_RETRY_DELAYS_MS, retryDelaysSchema, retryMaxAttemptsSchema } from "@/lib/contract/retry-schedule";
import { decimalNumber, httpUrl, oneOf, port, postgresUrl, text, wholeNumber, workerSwitch } from "./schemas";

/** The processes that read configuration; `syncdeck <command>` names the first five. */
export const PROCESSES = ["console", "worker", "agent", "processor", "cli", "demo", "tooling"] as const;
export type ProcessName = (typeof PROCESSES)[number];

export const PROCESS_TITLES: Record<ProcessName, string> = {
  console: "`syncdeck console` (the web console and its API; with `--with-workers` also the background workers)",
  worker: "`syncdeck worker` (lag sampling and alerts, DLQ indexing and replays, tenant jobs, reconciliation)",
  agent: "`syncdeck agent` (an environment's deployment agent; its processors inherit its environment)",
  processor: "`syncdeck processor` (one stream-processor instance)",
  cli: "`syncdeck migrate`, `admin`, `environment` (one-off commands against the database)",
  demo: "`npm run demo` and the local stack (broker, Connect, Postgres, source simulator)",
  tooling: "build and test scripts (fetching Kafka, Debezium, Helm)",
};

export const AREAS = {
  kafka: "Kafka and Kafka Connect",
  database: "Databases",
  console: "Console: HTTP, sign-in and sessions",
  workers: "Background workers and alerts",
  retries: "Retries",
  processors: "Processors",
  sources: "Tenant source secrets",
  observability: "Agent credentials, metrics and logs",
  demo: "Demo and local stack",
  tooling: "Build and test tooling",
  runtime: "Set by the runtime",
} as const;
export type Area = keyof typeof AREAS;

export type VariableSpec = {
  area: Area;
  /** Parses the raw value (never blank: an empty variable counts as unset). */
  schema: z.ZodType;
  /** Raw text used when unset; parsed by `schema`, so the documented default is the real one. */
  default?: string;
  /** The default in words, when it is not one fixed value ("the server of DATABASE_URL"). */
  defaultText?: string;
  meaning: string;
  readBy: readonly ProcessName[];
  /** Processes that refuse to start without it; `whenMissing` says what it is. */
  requiredBy?: readonly ProcessName[];
  whenMissing?: string;
  /** Never echoed in an error, kept in a Secret, not a ConfigMap. */
  secret: boolean;
};

const KAFKA_PROCESSES = ["console", "worker", "agent", "processor"] as const;
const CONSOLE_AND_WORKERS = ["console", "worker"] as const;
const ALL_PRODUCT = ["console", "worker", "agent", "processor", "cli"] as const;

export const VARIABLES = {
  // Kafka (lib/kafka/config.ts parses and cross-checks these; the entries reuse its schemas)
  KAFKA_BROKERS: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_BROKERS,
    meaning: "comma-separated `host:port` list of the Kafka cluster (the demo starts a local broker when unset)",
    readBy: [...KAFKA_PROCESSES, "demo"],
    requiredBy: KAFKA_PROCESSES,
    whenMissing: "it is the comma-separated host:port list of the Kafka cluster",
    secret: false,
  },
  KAFKA_CLIENT_ID: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_CLIENT_ID,
    default: "syncdeck",
    meaning: "client id brokers see in logs and quotas",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SSL: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_SSL,
    defaultText: "plaintext",
    meaning: "`true` to connect to the brokers with TLS",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SSL_CA_FILE: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_SSL_CA_FILE,
    defaultText: "the system's CAs",
    meaning: "PEM file of a private CA that signed the brokers' certificates (needs `KAFKA_SSL=true`)",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SSL_CERT_FILE: {
    area: "kafka",
    schema: text(),
    meaning: "PEM client certificate for mutual TLS with the brokers (with `KAFKA_SSL_KEY_FILE`)",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SSL_KEY_FILE: {
    area: "kafka",
    schema: text(),
    meaning: "PEM private key of the mutual-TLS client certificate",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SSL_KEY_PASSWORD: {
    area: "kafka",
    schema: z.string(),
    meaning: "passphrase of `KAFKA_SSL_KEY_FILE` when the key is encrypted",
    readBy: KAFKA_PROCESSES,
    secret: true,
  },
  KAFKA_SASL_MECHANISM: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_SASL_MECHANISM,
    defaultText: "no SASL",
    meaning: "`plain`, `scram-sha-256` or `scram-sha-512`, with `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD`",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SASL_USERNAME: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_SASL_USERNAME,
    meaning: "SASL user name (only with `KAFKA_SASL_MECHANISM`)",
    readBy: KAFKA_PROCESSES,
    secret: false,
  },
  KAFKA_SASL_PASSWORD: {
    area: "kafka",
    schema: kafkaEnvShape.KAFKA_SASL_PASSWORD,
    meaning: "SASL password (only with `KAFKA_SASL_MECHANISM`)",
    readBy: KAFKA_PROCESSES,
    secret: true,
  },
  KAFKA_CONNECT_URL: {
    area: "kafka",
    schema: httpUrl("must be the http(s) URL of Kafka Connect's REST API"),
    defaultText: "none (the demo starts a local worker)",
    meaning: "REST URL of the Kafka Connect cluster (Debezium PostgreSQL plugin) that tenant provisioning uses",
    readBy: [...CONSOLE_AND_WORKERS, "demo"],
    secret: false,
  },
  KAFKA_CONNECT_USERNAME: {
    area: "kafka",
    schema: text(),
    meaning: "user name for Kafka Connect's REST API when it asks for basic authentication",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  KAFKA_CONNECT_PASSWORD: {
    area: "kafka",
    schema: z.string(),
    meaning: "password for Kafka Connect's REST API basic authentication",
    readBy: CONSOLE_AND_WORKERS,
    secret: true,
  },
  KAFKA_REPLICATION_FACTOR: {
    area: "kafka",
    schema: replicationFactorSchema,
    default: "1",
    meaning:
      "replicas of each tenant topic that provisioning creates (3 on a production cluster; the demo sets it from `SYNCDECK_KAFKA_NODES`)",
    readBy: [...CONSOLE_AND_WORKERS, "demo"],
    secret: false,
  },

  // Databases
  DATABASE_URL: {
    area: "database",
    schema: postgresUrl(),
    meaning:
      "PostgreSQL URL of the console/target database; its role should be a member of `syncdeck_app` (the demo starts a local Postgres when unset)",
    readBy: [...ALL_PRODUCT, "demo"],
    requiredBy: ALL_PRODUCT,
    whenMissing: "it must be the PostgreSQL connection URL (postgresql://…)",
    secret: true,
  },
  MIGRATION_DATABASE_URL: {
    area: "database",
    schema: postgresUrl(),
    defaultText: "`DATABASE_URL`",
    meaning: "URL of the schema's owner, for `syncdeck migrate`, `npm run db:migrate` and Prisma's CLI",
    readBy: ["cli", "demo", "tooling"],
    secret: true,
  },
  SOURCE_DATABASE_SERVER_URL: {
    area: "database",
    schema: postgresUrl(),
    defaultText: "the server of `DATABASE_URL`",
    meaning:
      "Postgres server of the tenants' managed source databases (`source_<tenant>`): created by provisioning, read by entity lookup and re-sync",
    readBy: [...CONSOLE_AND_WORKERS, "demo"],
    secret: true,
  },
  SOURCE_DATABASE_URL: {
    area: "database",
    schema: postgresUrl(),
    meaning: "the source database the source simulator writes to (or `--source-url`)",
    readBy: ["demo"],
    secret: true,
  },
  SYNCDECK_MIGRATIONS_DIR: {
    area: "database",
    schema: text(),
    defaultText: "`prisma/migrations` (set by `syncdeck console`)",
    meaning: "the migrations folder `/api/readyz` compares the database with",
    readBy: ["console"],
    secret: false,
  },

  // Console
  NEXTAUTH_SECRET: {
    area: "console",
    schema: z.string().min(32, "must have at least 32 characters (e.g. `openssl rand -base64 32`)"),
    meaning: "signs sessions; at least 32 characters (the demo keeps a generated one in `.data/`)",
    readBy: ["console", "demo"],
    requiredBy: ["console"],
    whenMissing: "it signs sessions (e.g. `openssl rand -base64 32`)",
    secret: true,
  },
  NEXTAUTH_URL: {
    area: "console",
    schema: httpUrl("must be the console's public URL (https://syncdeck.example.com)"),
    meaning: "the console's public URL (the demo sets `http://localhost:<port>`)",
    readBy: ["console", "demo"],
    requiredBy: ["console"],
    whenMissing: "it is the console's public URL (https://syncdeck.example.com)",
    secret: false,
  },
  PORT: {
    area: "console",
    schema: port(),
    default: "3000",
    meaning: "port the console listens on (`--port` wins)",
    readBy: ["console", "demo"],
    secret: false,
  },
  HOSTNAME: {
    area: "console",
    schema: text(255),
    default: "0.0.0.0",
    meaning: "address the console listens on (`--host` wins)",
    readBy: ["console"],
    secret: false,
  },
  KEEP_ALIVE_TIMEOUT: {
    area: "console",
    schema: wholeNumber(1, 3_600_000),
    default: "65000",
    meaning: "milliseconds an idle kept-alive connection stays open; longer than a load balancer's idle timeout",
    readBy: ["console"],
    secret: false,
  },
  NODE_ENV: {
    area: "console",
    schema: oneOf(["production", "development", "test"]),
    default: "production",
    meaning: "`development` (set by `next dev`) relaxes the Content-Security-Policy for hot reload",
    readBy: ["console"],
    secret: false,
  },
  SYNCDECK_SESSION_CACHE_MS: {
    area: "console",
    schema: wholeNumber(0, 300_000),
    default: "5000",
    meaning:
      "how long a decoded session and a session's open state are reused (0 checks every call); also how long other replicas may accept an ended session",
    readBy: ["console"],
    secret: false,
  },
  SYNCDECK_VIEWER_CACHE_MS: {
    area: "console",
    schema: wholeNumber(0, 300_000),
    default: "5000",
    meaning: "how long a signed-in user's roles and memberships are reused before they are read again",
    readBy: ["console"],
    secret: false,
  },
  SYNCDECK_SESSION_MAX_AGE_HOURS: {
    area: "console",
    schema: sessionMaxAgeHoursSchema,
    default: "12",
    meaning: "absolute lifetime of a session from sign-in, not extended by use (at most 720)",
    readBy: ["console"],
    secret: false,
  },
  TRUST_PROXY: {
    area: "console",
    schema: proxyTrustShape.TRUST_PROXY,
    default: "false",
    meaning:
      "number of reverse proxies in front of the console whose `X-Forwarded-For` entries are believed (`true` = 1); `false` ignores the header",
    readBy: ["console"],
    secret: false,
  },
  SYNCDECK_TRUSTED_PROXIES: {
    area: "console",
    schema: proxyTrustShape.SYNCDECK_TRUSTED_PROXIES,
    defaultText: "none",
    meaning: "comma-separated addresses and CIDR ranges of trusted reverse proxies (`10.0.0.0/8,fd00::/8`)",
    readBy: ["console"],
    secret: false,
  },
  SYNCDECK_ENVIRONMENT_LABEL: {
    area: "console",
    schema: text(60),
    default: "local",
    meaning: "label shown in the console's sidebar",
    readBy: ["console"],
    secret: false,
  },
  SYNCDECK_METRICS_TOKEN: {
    area: "console",
    schema: z.string(),
    defaultText: "none (`/api/metrics` is off)",
    meaning:
      "bearer token of `/api/metrics`, and of the `/metrics` of workers, agents and processors when set (theirs are open without it)",
    readBy: ["console", "worker", "agent", "processor"],
    secret: true,
  },
  SYNCDECK_DEMO: {
    area: "console",
    schema: oneOf(["1", "0"]),
    meaning:
      "`1` shows the demo sign-ins on the login page and seeds demo data (set by `npm run demo`; never in production)",
    readBy: ["console", "demo"],
    secret: false,
  },
  OIDC_ISSUER: {
    area: "console",
    schema: oidcEnvShape.OIDC_ISSUER,
    defaultText: "SSO off",
    meaning:
      "issuer URL of the OpenID Connect provider; SSO is on when it, `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET` are set",
    readBy: ["console"],
    secret: false,
  },
  OIDC_CLIENT_ID: {
    area: "console",
    schema: oidcEnvShape.OIDC_CLIENT_ID,
    meaning: "the console's client id at the provider",
    readBy: ["console"],
    secret: false,
  },
  OIDC_CLIENT_SECRET: {
    area: "console",
    schema: oidcEnvShape.OIDC_CLIENT_SECRET,
    meaning: "the console's client secret at the provider",
    readBy: ["console"],
    secret: true,
  },
  OIDC_ROLE_CLAIM: {
    area: "console",
    schema: oidcEnvShape.OIDC_ROLE_CLAIM,
    default: "groups",
    meaning: "claim (dotted path allowed, e.g. `realm_access.roles`) whose values the maps below read",
    readBy: ["console"],
    secret: false,
  },
  OIDC_ROLE_MAP: {
    area: "console",
    schema: oidcEnvShape.OIDC_ROLE_MAP,
    defaultText: "none",
    meaning: "`group=role` pairs (`;`-separated when groups contain commas) giving the global role at each SSO sign-in",
    readBy: ["console"],
    secret: false,
  },
  OIDC_TENANT_MAP: {
    area: "console",
    schema: oidcEnvShape.OIDC_TENANT_MAP,
    defaultText: "memberships stay the console's",
    meaning: "`group=tenant-slug:role` entries giving tenant memberships at each SSO sign-in",
    readBy: ["console"],
    secret: false,
  },

  // Background workers (server/workers/registry.ts names the switches)
  SYNCDECK_LAG_SAMPLER: {
    area: "workers",
    schema: workerSwitch(),
    defaultText: "on",
    meaning: "`off` turns off the lag sampler, alert evaluation and webhook delivery in this process",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_DLQ_INDEXER: {
    area: "workers",
    schema: workerSwitch(),
    defaultText: "on",
    meaning: "`off` turns off the DLQ indexer and DLQ replay jobs in this process",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_TENANT_JOBS: {
    area: "workers",
    schema: workerSwitch(),
    defaultText: "on",
    meaning: "`off` turns off tenant provisioning, suspend, resume and offboard jobs in this process",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_RECONCILE_WORKER: {
    area: "workers",
    schema: workerSwitch(),
    defaultText: "on",
    meaning: "`off` turns off reconciliation runs and their drift alerts in this process",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_TENANT_MOVES: {
    area: "workers",
    schema: workerSwitch(),
    defaultText: "on",
    meaning: "`off` turns off following tenant moves between a pool and dedicated processors in this process",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_LAG_INTERVAL_MS: {
    area: "workers",
    schema: wholeNumber(100, 3_600_000),
    default: "5000",
    meaning: "milliseconds between lag samples",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_TENANT_JOB_STALE_MS: {
    area: "workers",
    schema: wholeNumber(1_000, 86_400_000),
    default: "30000",
    meaning: "lease age after which another worker takes a tenant job over",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_ONBOARDING_POOL: {
    area: "workers",
    schema: z
      .string()
      .trim()
      .refine(
        (value) => value === "none" || POOL_NAME.test(value),
        'must be a pool name ("pool-" then lowercase letters, digits or dashes) or "none"',
      ),
    default: "pool-shared",
    meaning:
      'the pool an approved tenant joins when its planned rate is at most SYNCDECK_POOL_MAX_CHANGES_PER_SECOND; "none" keeps every new tenant dedicated',
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_POOL_MAX_CHANGES_PER_SECOND: {
    area: "workers",
    schema: wholeNumber(0, 1_000_000),
    default: "500",
    meaning:
      "planned changes per second (peak, or 3× the average) up to which onboarding places a tenant in SYNCDECK_ONBOARDING_POOL; bigger tenants get processors of their own",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_RECONCILE_EVERY_MINUTES: {
    area: "workers",
    schema: decimalNumber(0, 525_600),
    default: "60",
    meaning: "how often each active tenant is reconciled (`0` = never on a schedule)",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_RECONCILE_CHUNK_ROWS: {
    area: "workers",
    schema: wholeNumber(1, 1_000_000),
    default: "5000",
    meaning: "rows per compared id range of a reconciliation run",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_RECONCILE_CONFIRM_SECONDS: {
    area: "workers",
    schema: wholeNumber(0, 3600),
    default: "30",
    meaning:
      "seconds after a reconciliation scan before the ranges that differed are read again; only ids that still differ count as drift (`0` = no second reading)",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  SYNCDECK_WEBHOOK_SECRET: {
    area: "workers",
    schema: z.string(),
    defaultText: "unsigned",
    meaning: "signs alert webhooks (`X-SyncDeck-Signature`)",
    readBy: CONSOLE_AND_WORKERS,
    secret: true,
  },
  SYNCDECK_WEBHOOK_ALLOW: {
    area: "workers",
    schema: z.string().superRefine((value, ctx) => {
      try {
        parseWebhookAllowList(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
    defaultText: "none",
    meaning:
      "comma-separated host names, addresses and CIDR ranges that alert webhooks may reach although they are not public",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },

  // Retries (lib/contract/retry-schedule.ts); console and workers must agree with the processors
  RETRY_DELAYS_MS: {
    area: "retries",
    schema: retryDelaysSchema,
    default: DEFAULT_RETRY_DELAYS_MS.join(","),
    meaning: "comma-separated delays of the retry tiers, one retry topic each; the same value everywhere",
    readBy: ["console", "worker", "processor"],
    secret: false,
  },
  RETRY_MAX_ATTEMPTS: {
    area: "retries",
    schema: retryMaxAttemptsSchema,
    defaultText: "number of delays + 1",
    meaning: "deliveries of a message before it goes to the dead-letter topic",
    readBy: ["console", "worker", "processor"],
    secret: false,
  },

  // Processors (pipeline/shared/processor-config.ts); a deployment may set these per processor
  PROCESSOR_VERSION: {
    area: "processors",
    schema: processorEnvShape.PROCESSOR_VERSION,
    defaultText: "the package version",
    meaning: "version the processor reports in its heartbeats (set by the agent from the deployment)",
    readBy: ["processor"],
    secret: false,
  },
  HEARTBEAT_INTERVAL_MS: {
    area: "processors",
    schema: processorEnvShape.HEARTBEAT_INTERVAL_MS,
    meaning: "milliseconds between a processor's heartbeats",
    readBy: ["processor"],
    secret: false,
  },
  TRAIL_RETENTION_DAYS: {
    area: "processors",
    schema: processorEnvShape.TRAIL_RETENTION_DAYS,
    meaning: "days of event-trail partitions kept",
    readBy: ["processor"],
    secret: false,
  },
  CONSUMER_MAX_BYTES: {
    area: "processors",
    schema: processorEnvShape.CONSUMER_MAX_BYTES,
    meaning: "bytes fetched per request",
    readBy: ["processor"],
    secret: false,
  },
  CONSUMER_MAX_WAIT_MS: {
    area: "processors",
    schema: processorEnvShape.CONSUMER_MAX_WAIT_MS,
    meaning:
      "milliseconds the broker may hold a fetch (a paused partition, e.g. a retry tier, resumes up to this late)",
    readBy: ["processor"],
    secret: false,
  },
  CONSUMER_SESSION_TIMEOUT_MS: {
    area: "processors",
    schema: processorEnvShape.CONSUMER_SESSION_TIMEOUT_MS,
    meaning: "how soon the group gives a dead member's partitions to the others",
    readBy: ["processor"],
    secret: false,
  },
  CONSUMER_CONCURRENCY: {
    area: "processors",
    schema: processorEnvShape.CONSUMER_CONCURRENCY,
    meaning: "partitions' batches processed at once",
    readBy: ["processor"],
    secret: false,
  },
  CONSUMER_MAX_RATE: {
    area: "processors",
    schema: processorEnvShape.CONSUMER_MAX_RATE,
    defaultText: "unlimited",
    meaning: "messages per second per processor instance",
    readBy: ["processor"],
    secret: false,
  },
  TARGET_LOCK_TIMEOUT_MS: {
    area: "processors",
    schema: processorEnvShape.TARGET_LOCK_TIMEOUT_MS,
    meaning: "milliseconds a target statement waits for a lock before the tenant pauses with backoff",
    readBy: ["processor"],
    secret: false,
  },
  POOL_CONCURRENCY: {
    area: "processors",
    schema: processorEnvShape.POOL_CONCURRENCY,
    meaning:
      "in a pooled processor, batches of all its tenants handled at once (its Postgres connections); each tenant's own partitions at once stay CONSUMER_CONCURRENCY",
    readBy: ["processor"],
    secret: false,
  },
  TENANT_BATCH_BUDGET: {
    area: "processors",
    schema: processorEnvShape.TENANT_BATCH_BUDGET,
    meaning: "in a pooled processor, messages of one tenant handled per turn before another tenant may go",
    readBy: ["processor"],
    secret: false,
  },
  TENANT_PAUSE_BASE_MS: {
    area: "processors",
    schema: processorEnvShape.TENANT_PAUSE_BASE_MS,
    meaning: "first pause of a tenant whose batch failed, doubling with each failure in a row",
    readBy: ["processor"],
    secret: false,
  },
  TENANT_PAUSE_MAX_MS: {
    area: "processors",
    schema: processorEnvShape.TENANT_PAUSE_MAX_MS,
    meaning: "longest pause of a failing tenant",
    readBy: ["processor"],
    secret: false,
  },
  POOL_MEMBERS_REFRESH_MS: {
    area: "processors",
    schema: processorEnvShape.POOL_MEMBERS_REFRESH_MS,
    default: "5000",
    meaning:
      "milliseconds between a pool's reads of its members from the tenants table (with `--refresh-members`, which the agents set): tenants placed in it join, tenants moved out leave, without a restart",
    readBy: ["processor"],
    secret: false,
  },

  // Agent credentials, metrics and logs
  SYNCDECK_AGENT_TOKEN: {
    area: "workers",
    schema: z.string(),
    meaning:
      "the agent token of the environment `syncdeck agent` runs (printed once by `syncdeck environment add` or `rotate-token`); the agent refuses to start without it",
    readBy: ["agent"],
    secret: true,
  },
  KUBECONFIG: {
    area: "workers",
    schema: text(),
    defaultText: "the pod's service account when the agent runs inside the cluster",
    meaning:
      "kubeconfig file the `kubernetes` environment driver calls the Kubernetes API with (the first of a colon-separated list)",
    readBy: ["agent"],
    secret: false,
  },
  KUBERNETES_SERVICE_HOST: {
    area: "runtime",
    schema: text(),
    meaning:
      "set by Kubernetes in every pod: the `kubernetes` driver then uses the pod's service account when `KUBECONFIG` is unset",
    readBy: ["agent"],
    secret: false,
  },
  SYNCDECK_METRICS_PORT: {
    area: "observability",
    schema: z.string().regex(/^\d{1,5}$/, { error: "must be a port number, or 0 for no metrics endpoint" }),
    defaultText: "worker 9464, agent 9465 (its processors at the next ports on loopback), a processor run alone: off",
    meaning:
      "port of the Prometheus `/metrics` and `/healthz` endpoint of `syncdeck worker`, `agent` or `processor` (`0` = off; `--metrics-port` overrides)",
    readBy: ["worker", "agent", "processor"],
    secret: false,
  },
  SYNCDECK_METRICS_HOST: {
    area: "observability",
    schema: z.string().min(1),
    default: "0.0.0.0",
    meaning: "address the metrics endpoint of a worker, agent or processor listens on",
    readBy: ["worker", "agent", "processor"],
    secret: false,
  },
  LOG_LEVEL: {
    area: "observability",
    // the logger's own reading, so the start-up check and the logger agree on the words and the message
    schema: z.string().superRefine((value, ctx) => {
      try {
        parseLogLevel(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^LOG_LEVEL /, "") });
      }
    }),
    default: "info",
    meaning: "lowest level of the JSON log lines written",
    readBy: ALL_PRODUCT,
    secret: false,
  },

  // Demo and local stack
  SYNCDECK_DEMO_RATE: {
    area: "demo",
    schema: decimalNumber(0, 100_000),
    default: "50",
    meaning: "changes per second per demo tenant",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_DEMO_POOL: {
    area: "demo",
    schema: z.string().regex(POOL_NAME, 'must be a pool name: "pool-" then lowercase letters, digits or dashes'),
    default: "pool-demo",
    meaning: "the pool the demo places its tenants in on a fresh database: one processor per stage serves them all",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_DEMO_DEDICATED: {
    area: "demo",
    schema: z
      .string()
      .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, "must be tenant slugs separated by commas (e.g. acme-health,northwind-rx)"),
    defaultText: "none (every demo tenant is in the pool)",
    meaning:
      "demo tenants kept out of the pool on a fresh database (e.g. `acme-health`): each runs processors of its own",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_HOST: {
    area: "demo",
    schema: text(255),
    default: "127.0.0.1",
    meaning: "address the demo console listens on (`0.0.0.0` to reach it from another machine)",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_KAFKA_NODES: {
    area: "demo",
    schema: wholeNumber(1, 9),
    default: "1",
    meaning: "nodes of the local Kafka (3 runs a replicated KRaft cluster)",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_KAFKA_PORT: {
    area: "demo",
    schema: port(),
    defaultText: "a free port",
    meaning: "fixed port of the local broker",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_CONNECT_PORT: {
    area: "demo",
    schema: port(),
    defaultText: "a free port",
    meaning: "fixed port of the local Kafka Connect worker",
    readBy: ["demo"],
    secret: false,
  },
  SYNCDECK_POSTGRES_PORT: {
    area: "demo",
    schema: port(),
    defaultText: "a free port",
    meaning: "fixed port of the local Postgres",
    readBy: ["demo"],
    secret: false,
  },
  SIMULATOR_TENANT: {
    area: "demo",
    schema: text(40),
    meaning: "tenant whose source the source simulator writes (or `--tenant`)",
    readBy: ["demo"],
    secret: false,
  },
  SIMULATOR_RATE: {
    area: "demo",
    schema: decimalNumber(0, 100_000),
    default: "50",
    meaning: "changes per second the simulator writes",
    readBy: ["demo"],
    secret: false,
  },
  SIMULATOR_FAULT_RATE: {
    area: "demo",
    schema: decimalNumber(0, 1),
    default: "0",
    meaning: "share of changes the simulator makes malformed",
    readBy: ["demo"],
    secret: false,
  },
  SIMULATOR_BURST: {
    area: "demo",
    schema: z.string().superRefine((value, ctx) => {
      try {
        parseBurst(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
    meaning:
      "bursts of extra load, `<factor>x<seconds>s[/<every>s]`: `5x10s/60s` is 5 times the rate for 10 s of every minute",
    readBy: ["demo"],
    secret: false,
  },
  SIMULATOR_SEED: {
    area: "demo",
    schema: z.string().regex(/^-?\d+$/, "must be a whole number"),
    meaning: "random seed, for a repeatable run",
    readBy: ["demo"],
    secret: false,
  },
  SIMULATOR_TRANSACTION_SIZE: {
    area: "demo",
    schema: wholeNumber(1, 1_000),
    default: "10",
    meaning: "changes per source transaction at most",
    readBy: ["demo"],
    secret: false,
  },

  // Build and test tooling
  KAFKA_VERSION: {
    area: "tooling",
    schema: text(40),
    defaultText: "pinned in `scripts/kafka/pom.xml`",
    meaning: "Kafka version the local stack fetches and runs",
    readBy: ["tooling", "demo"],
    secret: false,
  },
  DEBEZIUM_VERSION: {
    area: "tooling",
    schema: text(40),
    defaultText: "pinned in `scripts/connect/pom.xml`",
    meaning: "Debezium version the local Connect worker fetches",
    readBy: ["tooling", "demo"],
    secret: false,
  },
  SYNCDECK_CACHE_DIR: {
    area: "tooling",
    schema: text(),
    default: ".cache",
    meaning: "where fetched Kafka and Connect jars are kept",
    readBy: ["tooling", "demo"],
    secret: false,
  },
  GO: {
    area: "tooling",
    schema: text(),
    defaultText: "`go` on PATH, else /usr/local/go/bin/go",
    meaning: "the Go toolchain `npm run tools:helm` and `npm run tools:k8s` build Helm and the test control plane with",
    readBy: ["tooling"],
    secret: false,
  },
  PRISMA_SCHEMA_ENGINE_BINARY: {
    area: "tooling",
    schema: text(),
    defaultText: "a stub",
    meaning: "schema engine Prisma's client generator is given (the project migrates without it)",
    readBy: ["tooling"],
    secret: false,
  },
  CHROMIUM_PATH: {
    area: "tooling",
    schema: text(),
    default: "/usr/bin/chromium",
    meaning: "browser for the Playwright tests and the flow benchmark",
    readBy: ["tooling"],
    secret: false,
  },
  SCREENSHOTS_WARM_UP_S: {
    area: "tooling",
    schema: wholeNumber(0, 3600),
    default: "90",
    meaning: "seconds of live demo traffic `npm run docs:screenshots` waits before its first picture",
    readBy: ["tooling"],
    secret: false,
  },

  // Set by the runtime, read by the product
  SYNCDECK_HOME: {
    area: "runtime",
    schema: text(),
    defaultText: "the package's folder (set by `syncdeck`)",
    meaning: "where the package's files are (migrations, the source schema), for the command and its children",
    readBy: ["cli", "agent", "demo"],
    secret: false,
  },
  NEXT_RUNTIME: {
    area: "runtime",
    schema: oneOf(["nodejs", "edge"]),
    meaning: "set by Next.js: the runtime a module is loaded in (the workers start only in `nodejs`)",
    readBy: ["console"],
    secret: false,
  },
  npm_package_version: {
    area: "runtime",
    schema: text(60),
    defaultText: "dev",
    meaning: "set by npm: the version reported when no `PROCESSOR_VERSION` is given",
    readBy: ["processor", "worker", "demo"],
    secret: false,
  },
} as const satisfies Record<string, VariableSpec>;

/**
 * Variables the product only sets, for programs it starts that are not its own (they are no
 * configuration of SyncDeck's): what reads each.
 */
export const SET_FOR_OTHER_PROGRAMS: Readonly<Record<string, string>> = {
  NEXT_TELEMETRY_DISABLED: "next build / next start (no usage reports)",
  PLAYWRIGHT_JSON_OUTPUT_FILE: "Playwright's JSON reporter in `npm test`",
  CHECKPOINT_DISABLE: "Prisma's CLI (no update check)",
  PRISMA_HIDE_UPDATE_MESSAGE: "Prisma's CLI",
  GOBIN: "`go install` in `npm run tools:helm` and `npm run tools:k8s`",
  GOFLAGS: "`go mod tidy` in `npm run tools:k8s`",
  DEBIAN_FRONTEND: "`apt-get install etcd-server` in `npm run tools:k8s`",
};

export type Catalogue = typeof VARIABLES;
export type VariableName = keyof Catalogue;

/** A family of variables with a name part, such as `SYNCDECK_SOURCE_SECRET_<NAME>_HOSTS`. */
export type FamilySpec = Omit<VariableSpec, "default" | "requiredBy" | "whenMissing"> & {
  /** how the docs write it */
  pattern: string;
  /** every member's name starts with this */
  prefix: string;
  matches: (name: string) => boolean;
};

const SOURCE_SETTING = /_(HOSTS|SSLMODE|SSLROOTCERT)$/;
const sourceSecret = (suffix: "" | "_HOSTS" | "_SSLMODE" | "_SSLROOTCERT") => (name: string) =>
  name.startsWith(SECRET_PREFIX) &&
  name.length > SECRET_PREFIX.length + suffix.length &&
  (suffix === "" ? !SOURCE_SETTING.test(name) : name.endsWith(suffix));

export const FAMILIES: readonly FamilySpec[] = [
  {
    area: "sources",
    pattern: `${SECRET_PREFIX}<NAME>`,
    prefix: SECRET_PREFIX,
    matches: sourceSecret(""),
    schema: z.string(),
    meaning:
      "the password of an external tenant source, used once an admin assigns the secret `<NAME>` to a tenant; set it where the console and the Connect workers run",
    readBy: CONSOLE_AND_WORKERS,
    secret: true,
  },
  {
    area: "sources",
    pattern: `${SECRET_PREFIX}<NAME>_HOSTS`,
    prefix: SECRET_PREFIX,
    matches: sourceSecret("_HOSTS"),
    schema: z.string().superRefine((value, ctx) => {
      try {
        parseSecretHosts(value, "entry");
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `must be host:port[/database] entries, comma-separated (${(error as Error).message.replace(/^entry: /, "")})`,
        });
      }
    }),
    defaultText: "none: the secret is never used",
    meaning: "where that password may be sent: `host:port[/database]`, comma-separated",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  {
    area: "sources",
    pattern: `${SECRET_PREFIX}<NAME>_SSLMODE`,
    prefix: SECRET_PREFIX,
    matches: sourceSecret("_SSLMODE"),
    schema: oneOf(SSL_MODES),
    defaultText: "verify-full",
    meaning: "TLS to that source: `verify-full`, or `disable` for a source without TLS",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  {
    area: "sources",
    pattern: `${SECRET_PREFIX}<NAME>_SSLROOTCERT`,
    prefix: SECRET_PREFIX,
    matches: sourceSecret("_SSLROOTCERT"),
    schema: text(),
    defaultText: "the system's CAs",
    meaning: "CA file (PEM) that signed the source's certificate, readable by the console and the Connect workers",
    readBy: CONSOLE_AND_WORKERS,
    secret: false,
  },
  {
    area: "kafka",
    pattern: `${KAFKA_SECRET_PREFIX}<NAME>`,
    prefix: KAFKA_SECRET_PREFIX,
    matches: (name) => name.startsWith(KAFKA_SECRET_PREFIX) && name.length > KAFKA_SECRET_PREFIX.length,
    schema: z.string(),
    meaning:
      "a secret of a Kafka cluster added as data (its SASL password, Connect password or client key passphrase), named `<NAME>` in the cluster's settings; set it where the console and workers run",
    readBy: CONSOLE_AND_WORKERS,
    secret: true,
  },
];

export type Described = { name: string; spec: VariableSpec | FamilySpec };

/** The entry a variable name belongs to: its own, or its family's; undefined when it is not catalogued. */
export function describeVariable(name: string): Described | undefined {
  if (Object.hasOwn(VARIABLES, name)) return { name, spec: VARIABLES[name as VariableName] };
  const family = FAMILIES.find((f) => f.matches(name));
  return family ? { name: family.pattern, spec: family } : undefined;
}

/** The default as a value: the raw default, or what the schema gives for an unset variable; undefined when there is none or it is only words. */
export function defaultValueOf(spec: VariableSpec | FamilySpec): string | undefined {
  if ("default" in spec && spec.default !== undefined) return spec.default;
  if (spec.defaultText !== undefined) return undefined;
  const fromSchema = spec.schema.safeParse(undefined);
  return fromSchema.success && fromSchema.data !== undefined ? String(fromSchema.data) : undefined;
}

/** The documented default: the value, or the words for a computed one. */
export function defaultOf(spec: VariableSpec | FamilySpec): string | undefined {
  return defaultValueOf(spec) ?? spec.defaultText;
}
