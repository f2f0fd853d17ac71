/**
 * The lifecycle every processor shares: parse config → connect (one Postgres pool, one idempotent
 * producer, one Kafka client) → per served tenant a consumer in that tenant's stage group →
 * heartbeats and event-trail maintenance → consume in batches until stopped. Stopping
 * (SIGTERM/SIGINT in `runMain`) lets the current batches finish, commits what they resolved,
 * disconnects and exits 0.
 *
 * One process serves a list of tenants (`--pool <name> --tenants a,b,c`); a dedicated processor
 * (`--tenant a`) is a pool of one and runs the same code. With `--refresh-members` a pool re-reads
 * its members from the tenants table as it runs (keepMembersCurrent below, pool-members.ts):
 * a tenant placed in it gets a lane (prepare, consumer, heartbeat, metrics), one moved out loses
 * its lane (batch finished, offsets committed, consumer out of the group), the others untouched. Inside the process each tenant keeps a
 * consumer of its own, in its own group `sync.<tenant>.<stage>` (lib/contract/topics), sharing
 * the Kafka client, the producer and the Postgres pool. Chosen over one consumer in one pool-wide
 * group because:
 *   - lag, status and group membership stay per tenant exactly as with dedicated processors: the
 *     lag sampler reads committed offsets per group, and a pool-wide group would mix every
 *     tenant's partitions (the console would need per-topic lag views for pooled tenants only);
 *   - moving a tenant between a pool and a dedicated deployment needs no offset translation: the
 *     group, and so the committed offsets, are the same either way;
 *   - a paused or rebalancing tenant never stops the others' fetches, and a crash-restart of one
 *     tenant's consumer is that tenant's alone.
 * The tenants' produces share one idempotent producer, one request at a time: sends made while
 * one is in flight go out merged in the next request (lib/kafka/coalesce-sends.ts), so a busy
 * pool pays one round trip for many tenants' batches instead of queueing them one by one.
 * The cost is a fetch loop (and broker connections) per tenant instead of one: idle consumers
 * poll every CONSUMER_MAX_WAIT_MS, which a large pool may raise (the broker answers a fetch as soon
 * as data arrives) at one cost: a paused partition — a retry tier waiting for its next message's
 * time, a tenant backing off — is fetched again only after the consumer's current fetch returns
 * (kafkajs neither interrupts it nor its sleep when every partition is paused), so a retry or a
 * resume comes up to CONSUMER_MAX_WAIT_MS late.
 *
 * Fairness and isolation (tenant-lane.ts): the Postgres work of all tenants shares
 * POOL_CONCURRENCY slots (a dedicated processor: CONSUMER_CONCURRENCY) handed out by fair share (fair-share.ts), a pooled tenant's batch is
 * handled in turns of TENANT_BATCH_BUDGET messages, and a tenant whose turn fails is paused — its
 * partitions only — with exponential backoff while the others keep flowing (tenant-pause.ts).
 * Target statements wait at most TARGET_LOCK_TIMEOUT_MS for a lock, so a locked tenant gives its
 * slot back instead of holding a connection the others need.
 *
 * Delivery contract for stage handlers: resolve a message's offset only once everything it led
 * to is durable (produce acknowledged by all in-sync replicas, transaction committed). Resolved
 * offsets are committed after every batch (autoCommitThreshold 1); a handler that throws leaves
 * its unresolved messages to be fetched again, so nothing is lost — at-least-once, made
 * harmless by the idempotent apply.
 */
import { logLevel, type Admin, type Consumer, type EachBatchPayload, type Kafka, type Producer } from "kafkajs";
import pg from "pg";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { coalesceSends } from "@/lib/kafka/coalesce-sends";
import { createLogger, errorField, processLogger, setProcessLogger, type Logger } from "@/lib/log/logger";
import { maintainTrailPartitions } from "./event-trail";
import { FairShareGate } from "./fair-share";
import { BeatGroup, Heartbeat } from "./heartbeat";
import { startMetricsServer, type MetricsServer } from "@/lib/metrics/metrics-http";
import { createProcessorRegistry, type ProcessorMetrics, type ProcessorRegistry } from "./processor-metrics";
import { parseProcessorConfig, tenantConfig, type ProcessorConfig } from "./processor-config";
import { laneChanges, notServedError, readPoolMembers } from "./pool-members";
import { tenantLane, type TenantLane } from "./tenant-lane";
import { LaneRestarts } from "./lane-restart";
import { consumerGroup, tenantTopics, type Stage } from "@/lib/contract/topics";

/** What a stage's handler works with: everything in it is about one tenant, also in a pool. */
export interface StageContext {
  /** the tenant's configuration (tenantConfig): `config.tenant` is the tenant served */
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
  /** the processor's JSON log (component processor, tenant, stage, instanceId, and pool in a pool) */
  logger: Logger;
  /**
   * The tenant's fair share of the processor's database slots (fair-share.ts): resolves to the
   * slot's release once granted. Held only while a connection does the tenant's work
   * (hold-through-outage.ts), so a pool's slots do not wait on produces and offset commits.
   */
  dbSlot?: () => Promise<() => void>;
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

/** One served tenant of a running processor. */
export interface RunningTenant {
  tenant: string;
  heartbeat: Heartbeat;
  consumer: Consumer;
  /** how long the tenant's partitions stay paused after failures (0: running) */
  paused: TenantLane["paused"];
}

export interface RunningProcessor {
  config: ProcessorConfig;
  /** the first tenant's heartbeat (a dedicated processor's only one) */
  heartbeat: Heartbeat;
  /** the tenants served now (a pool refreshing its members adds and removes them as it runs) */
  readonly tenants: RunningTenant[];
  /** Finishes the current batch, commits, disconnects. Idempotent. */
  stop: () => Promise<void>;
  /** Settles when a tenant's consumer crashed for good (kafkajs gave up restarting). */
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

export async function startProcessor(
  def: StageDefinition,
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<RunningProcessor> {
  const config = parseProcessorConfig(def.stage, argv, env);
  const logger = setProcessLogger(
    createLogger(
      config.pool === null
        ? { component: "processor", tenant: config.tenant, stage: config.stage, instanceId: config.instanceId }
        : { component: "processor", pool: config.pool, stage: config.stage, instanceId: config.instanceId },
      { env },
    ),
  );
  startedLogger = logger;
  const log = (line: string) => logger.info(line);
  const pool = createPool(config, logger);
  const registry = createProcessorRegistry(config.instanceId);
  let unhealthy: string | null = "starting";
  const metricsServer = config.metrics
    ? await serveMetrics(config.metrics, registry.registry, () => unhealthy, log)
    : null;
  await maintainTrailPartitions(pool, config.trailRetentionDays);
  const maintenance = setInterval(() => {
    maintainTrailPartitions(pool, config.trailRetentionDays).catch((error: unknown) =>
      logger.error({ err: errorField(error) }, "trail maintenance failed"),
    );
  }, DAY_MS);
  maintenance.unref();

  const kafka = createKafka(env, { logLevel: logLevel.WARN });
  const producer = createProducer(kafka, { idempotent: true, maxInFlightRequests: 1 });
  // one request at a time: the tenants' sends made meanwhile go out together (coalesce-sends.ts)
  producer.sendBatch = coalesceSends(producer.sendBatch.bind(producer));
  const shared: Shared = {
    def,
    config,
    env,
    kafka,
    pool,
    producer,
    registry,
    logger,
    gate: new FairShareGate(poolSlots(config)),
    // a pool writes its tenants' heartbeats in one statement per interval
    beats: config.pool === null ? undefined : new BeatGroup(pool, config.heartbeatIntervalMs),
  };
  const lanes = new Map<string, Lane>();
  // A pool also beats as the process itself (its tenant column names the pool): the deployment that
  // runs it finds its instances' health under their own instance ids, as for a dedicated processor.
  const processBeat = config.pool === null ? null : new Heartbeat(pool, { ...config, tenant: config.pool });
  // the pool's own beat reports its longest-paused tenant and that tenant's last error
  processBeat?.watchPause(() =>
    [...lanes.values()]
      .map((lane) => lane.lane.paused())
      .reduce((worst, p) => (p.remainingMs > worst.remainingMs ? p : worst), { remainingMs: 0, failures: 0 }),
  );
  let reportCrash: (error: Error) => void = () => {};
  const crashed = new Promise<Error>((resolve) => (reportCrash = resolve));
  void crashed.then((error) => (unhealthy = `consumer crashed: ${error.message}`));

  const open = (tenant: string) => {
    const lane = createLane(shared, tenant);
    if (processBeat) {
      lane.ctx.heartbeat.onAdd((delta) => processBeat.add(delta));
      lane.ctx.heartbeat.onError((message) => processBeat.recordError(`${tenant}: ${message}`));
    }
    void lane.crashed.then((error) => {
      if (lanes.get(tenant) !== lane) return;
      // a dedicated processor exits (whatever runs it starts it again); a pool restarts the lane
      if (config.pool === null) reportCrash(error);
      else void restartLater(lane, error);
    });
    return lane;
  };
  const prepare = async (started: Lane[]) => {
    if (!def.prepare || started.length === 0) return;
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const lane of started) {
        const done = await def.prepare(admin, lane.ctx);
        if (done) lane.ctx.log(done);
      }
    } finally {
      await admin.disconnect();
    }
  };

  const startList = config.tenants.map(open);
  for (const lane of startList) lanes.set(lane.ctx.config.tenant, lane);
  await prepare(startList);
  await producer.connect();
  const subscriptions = await Promise.all(startList.map((lane) => lane.run()));
  await processBeat?.start(shared.beats);
  unhealthy = null;
  log(
    config.pool === null
      ? `running as ${config.instanceId}, consuming ${subscriptions[0]!.map(String).join(", ")}`
      : `running as ${config.instanceId}, pool ${config.pool} of ${lanes.size} tenant(s): ${config.tenants.join(", ")}`,
  );

  /**
   * A lane stops as the whole processor does, for its tenant only: its current batch finishes and
   * commits what it resolved, its consumer leaves the group (whoever serves the tenant next takes
   * the partitions from the committed offsets), and its heartbeat row goes, so the console does
   * not count a pooled instance that no longer serves the tenant as one that died.
   */
  const close = async (lane: Lane) => {
    await lane.ctx.consumer.disconnect();
    lane.lane.stop();
    await lane.ctx.heartbeat.stop();
    await shared.beats?.settled();
    await pool.query("DELETE FROM processor_heartbeats WHERE instance_id = $1", [lane.ctx.config.instanceId]);
    registry.forget({ tenant: lane.ctx.config.tenant, stage: config.stage });
  };
  const restarts = new LaneRestarts();
  for (const tenant of lanes.keys()) restarts.started(tenant);
  /** Starts a lane for `tenant` (unless one runs, or it waits out a crash's backoff); true if it did. */
  const addLane = async (tenant: string): Promise<boolean> => {
    if (lanes.has(tenant) || restarts.waiting(tenant)) return false;
    const lane = open(tenant);
    lanes.set(tenant, lane);
    try {
      await prepare([lane]);
      await lane.run();
      restarts.started(tenant);
      return true;
    } catch (error) {
      // half-started: leave nothing behind; the next refresh (or restart) starts it afresh
      lanes.delete(tenant);
      await lane.ctx.consumer.disconnect().catch(() => {});
      await lane.ctx.heartbeat.stop().catch(() => {});
      lane.lane.stop();
      throw error;
    }
  };
  /**
   * A pooled tenant's consumer crashed for good: its lane is retired — its heartbeat row keeps the
   * error and goes stale, so the console shows the tenant's stage down, not served — and started
   * again after a backoff (lane-restart.ts), while the other tenants flow on.
   */
  const restartLater = async (lane: Lane, error: Error) => {
    const tenant = lane.ctx.config.tenant;
    lanes.delete(tenant);
    const delay = restarts.crashed(tenant, () => {
      if (stopping) return;
      const stillMember =
        config.membersRefreshMs === null
          ? Promise.resolve(true)
          : readPoolMembers(pool, config.pool!).then((members) => members.includes(tenant));
      stillMember
        .then((member) => (member ? addLane(tenant) : false))
        .then(
          (started) => {
            if (!started) return;
            processBeat?.clearError(message);
            logger.info({ tenant }, `${tenant}: lane restarted after its consumer crashed`);
          },
          (failure: unknown) => {
            logger.warn({ tenant, err: errorField(failure) }, `${tenant}: lane restart failed; trying again`);
            void restartLater(lane, failure instanceof Error ? failure : new Error(String(failure)));
          },
        );
    });
    const message = `${tenant}: consumer crashed (${error.message}); lane restarting in ${delay / 1000} s`;
    logger.error({ tenant, err: errorField(error) }, message);
    processBeat?.recordError(message);
    await lane.ctx.consumer.disconnect().catch(() => {});
    lane.lane.stop();
    await lane.ctx.heartbeat.stop().catch(() => {});
  };
  const members =
    config.pool !== null && config.membersRefreshMs !== null
      ? keepMembersCurrent({
          poolName: config.pool,
          everyMs: config.membersRefreshMs,
          db: pool,
          running: () => [...lanes.keys()],
          add: addLane,
          remove: async (tenant) => {
            restarts.forget(tenant);
            const lane = lanes.get(tenant);
            if (!lane) return;
            // listed as served until its consumer has left the group
            await close(lane);
            lanes.delete(tenant);
          },
          beat: processBeat!,
          logger,
        })
      : null;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      unhealthy = "stopping";
      clearInterval(maintenance);
      restarts.stop();
      await members?.stop();
      // waits for the running batches, which commit what they resolved
      await Promise.all([...lanes.values()].map((lane) => lane.ctx.consumer.disconnect()));
      for (const lane of lanes.values()) lane.lane.stop();
      def.onStop?.();
      await producer.disconnect();
      await shared.beats?.stop();
      await Promise.all([...[...lanes.values()].map((lane) => lane.ctx.heartbeat.stop()), processBeat?.stop()]);
      await pool.end();
      log("stopped");
    })());
  const running = (lane: Lane): RunningTenant => ({
    tenant: lane.ctx.config.tenant,
    heartbeat: lane.ctx.heartbeat,
    consumer: lane.ctx.consumer,
    paused: lane.lane.paused,
  });
  return {
    config,
    heartbeat: startList[0]!.ctx.heartbeat,
    get tenants() {
      return [...lanes.values()].map(running);
    },
    stop,
    crashed,
    metricsServer,
  };
}

type Lane = ReturnType<typeof createLane>;

/**
 * Re-reads the pool's members every `everyMs` and adds and removes lanes to match (pool-members.ts),
 * one refresh at a time. A lane that cannot start is logged and tried again next refresh, and the
 * pool's own heartbeat says which tenants are not served and why; the others are never touched.
 */
function keepMembersCurrent(o: {
  poolName: string;
  everyMs: number;
  db: pg.Pool;
  running: () => string[];
  /** false: not started now (already running, or waiting to restart after a crash) */
  add: (tenant: string) => Promise<boolean>;
  remove: (tenant: string) => Promise<void>;
  beat: Heartbeat;
  logger: Logger;
}): { stop: () => Promise<void> } {
  const failures = new Map<string, string>();
  let shownError: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const refresh = async () => {
    const members = await readPoolMembers(o.db, o.poolName);
    const { add, remove } = laneChanges(o.running(), members);
    for (const tenant of failures.keys()) if (!members.includes(tenant)) failures.delete(tenant);
    for (const tenant of remove) {
      if (stopped) return;
      await o.remove(tenant);
      o.logger.info({ tenant }, `${tenant} left pool ${o.poolName}: its lane stopped, its offsets committed`);
    }
    for (const tenant of add) {
      if (stopped) return;
      try {
        const started = await o.add(tenant);
        failures.delete(tenant);
        if (started) o.logger.info({ tenant }, `${tenant} joined pool ${o.poolName}: consuming`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // said once per reason, not at every refresh
        if (failures.get(tenant) !== reason)
          o.logger.warn({ tenant, err: errorField(error) }, `${tenant} cannot join pool ${o.poolName} yet: ${reason}`);
        failures.set(tenant, reason);
      }
    }
    const message = notServedError(failures);
    if (message !== null && message !== shownError) o.beat.recordError(message);
    if (message === null && shownError !== null) o.beat.clearError(shownError);
    shownError = message;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = refresh()
        .catch((error: unknown) =>
          o.logger.warn(
            { err: errorField(error) },
            `pool ${o.poolName}: reading its members failed; retried next refresh`,
          ),
        )
        .finally(schedule);
    }, o.everyMs);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

/** What every tenant of the process shares. */
interface Shared {
  def: StageDefinition;
  config: ProcessorConfig;
  env: Record<string, string | undefined>;
  kafka: Kafka;
  pool: pg.Pool;
  producer: Producer;
  registry: ProcessorRegistry;
  logger: Logger;
  gate: FairShareGate;
  beats: BeatGroup | undefined;
}

/** One tenant inside the process: its consumer (own group), heartbeat, metric labels and lane. */
function createLane(shared: Shared, tenant: string) {
  const { def, env, pool, producer } = shared;
  const config = tenantConfig(shared.config, tenant);
  const logger = shared.config.pool === null ? shared.logger : shared.logger.child({ tenant });
  const heartbeat = new Heartbeat(pool, config);
  const metrics: ProcessorMetrics = shared.registry.forTenant({ tenant, stage: config.stage });
  heartbeat.onAdd((delta) => metrics.count(delta));
  const consumer = shared.kafka.consumer({
    groupId: consumerGroup(tenant, config.stage),
    maxBytes: config.consumerMaxBytes,
    maxBytesPerPartition: config.consumerMaxBytes,
    maxWaitTimeInMs: config.consumerMaxWaitMs,
    sessionTimeout: config.consumerSessionTimeoutMs,
    // kafkajs' ratio (3 s of 30 s): three heartbeats fit in a session
    heartbeatInterval: Math.max(100, Math.floor(config.consumerSessionTimeoutMs / 10)),
  });
  const topics = tenantTopics(tenant);
  const log = (line: string) => logger.info(line);
  const dbSlot = () => shared.gate.acquire(tenant);
  const ctx: StageContext = { config, env, topics, pool, producer, consumer, heartbeat, metrics, log, logger, dbSlot };
  const crashed = watchCrashes(consumer, heartbeat, logger);
  const lane = tenantLane({
    tenant,
    budget: config.tenantBatchBudget,
    pause: config.tenantPause,
    maxRate: config.consumerMaxRate,
    heartbeat,
    metrics,
    logger,
    handle: def.createBatchHandler(ctx),
  });
  heartbeat.watchPause(lane.paused);
  const run = async (): Promise<Array<string | RegExp>> => {
    await consumer.connect();
    const subscriptions = def.subscriptions(topics, env);
    await consumer.subscribe({ topics: subscriptions, fromBeginning: true });
    await heartbeat.start(shared.beats);
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: config.consumerConcurrency,
      eachBatch: lane.eachBatch,
    });
    return subscriptions;
  };
  return { ctx, lane, crashed, run };
}

/**
 * Slots of Postgres work at once (one connection each); the pg pool has one more, for heartbeats.
 * A pool of many tenants gets POOL_CONCURRENCY. A slot is held while a connection does one turn's
 * database work only; while it was also held across the turn's produce and offset commit, a busy
 * pool's slots spent most of their time waiting on Kafka and its tenants queued behind each other.
 */
const poolSlots = (config: ProcessorConfig) => config.databaseSlots;

/** A port already taken costs the metrics, not the processing: logged, and the processor runs on. */
async function serveMetrics(
  at: NonNullable<ProcessorConfig["metrics"]>,
  registry: ProcessorRegistry["registry"],
  unhealthyReason: () => string | null,
  log: (line: string) => void,
): Promise<MetricsServer | null> {
  try {
    const server = await startMetricsServer({ ...at, metrics: registry, unhealthyReason });
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
  const applicationName =
    `syncdeck:${config.stage}:${config.pool === null ? config.tenant : `pool:${config.pool}`}`.slice(0, 63);
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: poolSlots(config) + 1,
    application_name: applicationName,
    // a statement waiting this long for a lock fails: the tenant pauses and the connection is free
    lock_timeout: config.targetLockTimeoutMs,
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
