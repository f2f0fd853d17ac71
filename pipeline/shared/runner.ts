/**
 * The lifecycle every processor shares: parse config → connect (Postgres pool, idempotent
 * producer, consumer in the tenant's stage group) → heartbeats and event-trail maintenance →
 * consume in batches until stopped. Stopping (SIGTERM/SIGINT in `runMain`) lets the current batch
 * finish, commits what it resolved, disconnects and exits 0.
 *
 * Delivery contract for stage handlers: resolve a message's offset only once everything it led
 * to is durable (produce acknowledged by all in-sync replicas, transaction committed). Resolved
 * offsets are committed after every batch (autoCommitThreshold 1); a handler that throws leaves
 * its unresolved messages to be fetched again, so nothing is lost — at-least-once, made
 * harmless by the idempotent apply.
 */
import { logLevel, type Admin, type Consumer, type EachBatchPayload, type Producer } from "kafkajs";
import pg from "pg";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { createLogger, errorField, processLogger, setProcessLogger, type Logger } from "@/lib/log/logger";
import { maintainTrailPartitions } from "./event-trail";
import { Heartbeat } from "./heartbeat";
import { startMetricsServer, type MetricsServer } from "@/lib/metrics/metrics-http";
import { createProcessorMetrics, type ProcessorMetrics } from "./processor-metrics";
import { paceDelayMs } from "./pace";
import { parseProcessorConfig, type ProcessorConfig } from "./processor-config";
import { consumerGroup, tenantTopics, type Stage } from "@/lib/contract/topics";

export interface StageContext {
  config: ProcessorConfig;
  /** the environment the processor was started with (stage-specific settings) */
  env: Record<string, string | undefined>;
  topics: ReturnType<typeof tenantTopics>;
  pool: pg.Pool;
  producer: Producer;
  consumer: Consumer;
  heartbeat: Heartbeat;
  metrics: ProcessorMetrics;
  /** an info line in the processor's JSON log */
  log: (line: string) => void;
  /** the processor's JSON log (component processor, tenant, stage, instanceId) */
  logger: Logger;
}

export interface StageDefinition {
  stage: Stage;
  /** topic names, or patterns matched against the topics that exist when the processor starts */
  subscriptions: (
    topics: ReturnType<typeof tenantTopics>,
    env: Record<string, string | undefined>,
  ) => Array<string | RegExp>;
  createBatchHandler: (ctx: StageContext) => (batch: EachBatchPayload) => Promise<void>;
  /** Runs before the consumer subscribes, with an admin client (e.g. to create missing topics); returns what to log. */
  prepare?: (admin: Admin, ctx: StageContext) => Promise<string | undefined>;
  /** Called after the consumer stopped (e.g. to clear timers). */
  onStop?: () => void;
}

export interface RunningProcessor {
  config: ProcessorConfig;
  heartbeat: Heartbeat;
  /** Finishes the current batch, commits, disconnects. Idempotent. */
  stop: () => Promise<void>;
  /** Settles when the consumer crashed for good (kafkajs gave up restarting). */
  crashed: Promise<Error>;
  /**
   * /metrics and /healthz, when configured. Stopping or crashing turns /healthz to 503 but leaves
   * the server up (the process exits soon after); close it when the processor runs in-process.
   */
  metricsServer: MetricsServer | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** the processor's logger once its configuration is read, so a failed start is logged with its tenant */
let startedLogger: Logger | undefined;
/** Postgres connections per process: one per concurrently processed batch, one for heartbeats. */
const poolSize = (config: ProcessorConfig) => config.consumerConcurrency + 1;

export async function startProcessor(
  def: StageDefinition,
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<RunningProcessor> {
  const config = parseProcessorConfig(def.stage, argv, env);
  const logger = setProcessLogger(
    createLogger(
      { component: "processor", tenant: config.tenant, stage: config.stage, instanceId: config.instanceId },
      { env },
    ),
  );
  startedLogger = logger;
  const log = (line: string) => logger.info(line);
  const pool = createPool(config, logger);
  const heartbeat = new Heartbeat(pool, config);
  const metrics = createProcessorMetrics({ tenant: config.tenant, stage: config.stage }, config.instanceId);
  heartbeat.onAdd((delta) => metrics.count(delta));
  let unhealthy: string | null = "starting";
  const metricsServer = config.metrics ? await serveMetrics(config.metrics, metrics, () => unhealthy, log) : null;
  await maintainTrailPartitions(pool, config.trailRetentionDays);
  const maintenance = setInterval(() => {
    maintainTrailPartitions(pool, config.trailRetentionDays).catch((error: unknown) =>
      logger.error({ err: errorField(error) }, "trail maintenance failed"),
    );
  }, DAY_MS);
  maintenance.unref();

  const kafka = createKafka(env, { logLevel: logLevel.WARN });
  const producer = createProducer(kafka, { idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({
    groupId: consumerGroup(config.tenant, config.stage),
    maxBytes: config.consumerMaxBytes,
    maxBytesPerPartition: config.consumerMaxBytes,
    maxWaitTimeInMs: config.consumerMaxWaitMs,
    sessionTimeout: config.consumerSessionTimeoutMs,
    // kafkajs' ratio (3 s of 30 s): three heartbeats fit in a session
    heartbeatInterval: Math.max(100, Math.floor(config.consumerSessionTimeoutMs / 10)),
  });
  const topics = tenantTopics(config.tenant);
  const ctx: StageContext = { config, env, topics, pool, producer, consumer, heartbeat, metrics, log, logger };
  const crashed = watchCrashes(consumer, heartbeat, logger);
  void crashed.then((error) => (unhealthy = `consumer crashed: ${error.message}`));

  if (def.prepare) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const done = await def.prepare(admin, ctx);
      if (done) log(done);
    } finally {
      await admin.disconnect();
    }
  }
  await producer.connect();
  await consumer.connect();
  const subscriptions = def.subscriptions(topics, env);
  await consumer.subscribe({ topics: subscriptions, fromBeginning: true });
  await heartbeat.start();
  const handle = def.createBatchHandler(ctx);
  await consumer.run({
    eachBatchAutoResolve: false,
    autoCommitThreshold: 1,
    partitionsConsumedConcurrently: config.consumerConcurrency,
    eachBatch: async (batch) => {
      const started = Date.now();
      try {
        await handle(batch);
        if (!batch.batch.isEmpty()) metrics.observeBatch((Date.now() - started) / 1000);
        const wait = paceDelayMs(batch.batch.messages.length, Date.now() - started, config.consumerMaxRate);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      } catch (error) {
        heartbeat.recordError(error);
        heartbeat.add({ failed: 1 });
        throw error;
      }
    },
  });
  unhealthy = null;
  log(`running as ${config.instanceId}, consuming ${subscriptions.map(String).join(", ")}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      unhealthy = "stopping";
      clearInterval(maintenance);
      await consumer.disconnect(); // waits for the running batch, which commits what it resolved
      def.onStop?.();
      await producer.disconnect();
      await heartbeat.stop();
      await pool.end();
      log("stopped");
    })());
  return { config, heartbeat, stop, crashed, metricsServer };
}

/** A port already taken costs the metrics, not the processing: logged, and the processor runs on. */
async function serveMetrics(
  at: NonNullable<ProcessorConfig["metrics"]>,
  metrics: ProcessorMetrics,
  unhealthyReason: () => string | null,
  log: (line: string) => void,
): Promise<MetricsServer | null> {
  try {
    const server = await startMetricsServer({ ...at, metrics: metrics.registry, unhealthyReason });
    log(`metrics on http://${server.host}:${server.port}/metrics`);
    return server;
  } catch (error) {
    log(
      `metrics: cannot listen on ${at.host}:${at.port} (${error instanceof Error ? error.message : String(error)}); running without /metrics`,
    );
    return null;
  }
}

function createPool(config: ProcessorConfig, logger: Logger): pg.Pool {
  // application_name lets ops (and the fault tests) find a processor's sessions in pg_stat_activity.
  const applicationName = `syncdeck:${config.stage}:${config.tenant}`.slice(0, 63);
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: poolSize(config),
    application_name: applicationName,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would kill us.
  pool.on("error", (error) => logger.warn({ err: error }, `postgres: ${error.message}`));
  // A dropped session can emit 'error' more than once (the server's FATAL, then the closed
  // socket), and pg-pool listens only once per query: every client gets a listener of its own.
  // Nothing is lost by ignoring it here: the query in flight fails and its caller handles that.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** kafkajs restarts the consumer after retriable crashes by itself; settles on one it gives up on. */
function watchCrashes(consumer: Consumer, heartbeat: Heartbeat, logger: Logger): Promise<Error> {
  return new Promise<Error>((resolve) => {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      heartbeat.recordError(payload.error);
      logger.error(
        { err: payload.error, restart: payload.restart },
        `consumer crashed (restart: ${payload.restart}): ${payload.error.message}`,
      );
      if (!payload.restart) resolve(payload.error);
    });
  });
}

/** Entry point of a processor process: exit 0 after a clean stop on SIGTERM/SIGINT, 1 on failure. */
export function runMain(def: StageDefinition, argv: string[] = process.argv.slice(2)): void {
  startProcessor(def, argv, process.env)
    .then((running) => {
      const logger = processLogger();
      const shutdown = (signal: string) => {
        logger.info({ signal }, `${signal}: finishing the current batch`);
        running.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.fatal({ err: errorField(error) }, "stop failed");
            process.exit(1);
          },
        );
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
      return running.crashed.then(async (error) => {
        logger.fatal({ err: error }, `giving up: ${error.message}`);
        await running.stop().catch(() => {});
        process.exit(1);
      });
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      try {
        (startedLogger ?? createLogger({ component: "processor", stage: def.stage })).fatal(
          { err: errorField(error) },
          `cannot start: ${message}`,
        );
      } catch {
        // LOG_LEVEL itself is what is wrong: say it without a logger
        console.error(`[${def.stage}] ${message}`);
      }
      process.exit(1);
    });
}
