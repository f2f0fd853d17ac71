/**
 * A Kafka Connect distributed worker with the Debezium PostgreSQL connector plugin, for the demo
 * and the integration tests: Maven Central jars (scripts/connect/fetch.ts) run with the machine's
 * Java, REST on 127.0.0.1. Connectors are then managed through the REST API (KAFKA_CONNECT_URL),
 * exactly as against a managed Connect cluster.
 *
 * Distributed mode keeps its state in Kafka (the group's config/offset/status topics), so a
 * restart with the same brokers and groupId finds its connectors again and each resumes from its
 * committed source offset (its Postgres LSN). dataDir only holds the config and log files
 * described in ./jvm.ts.
 *
 * Converters: JSON with schemas disabled. Each record's value is the bare Debezium envelope
 * ({ before, after, source, op, ts_ms, transaction }) and its key the bare primary key: the
 * cdc-processor validates it with zod against the table it knows, so the per-message schema that
 * `schemas.enable=true` embeds would only make every message several times larger. What that
 * schema would have told a generic reader (decimals, dates) is instead made plain by connector
 * settings (e.g. `decimal.handling.mode=string`).
 */
import fs from "node:fs";
import path from "node:path";
import { ensureConnectJars } from "../connect/fetch";
import { kafkaVersion } from "../kafka/fetch";
import { jvmOptions, launchJvm, log4jProperties, secondsSince, serviceFiles, waitUntilReady } from "./jvm";
import { clusterProbe } from "./kafka";
import { freePort } from "./net";
import { requireJava } from "./tools";

export interface StartConnectOptions {
  /** The Kafka cluster the worker stores its state in and writes change events to. */
  brokers: string;
  /** Config and log files; created when missing. */
  dataDir: string;
  /** REST port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Connect group; also names its internal topics `<groupId>.configs|offsets|status`. Default `syncdeck-connect`. */
  groupId?: string;
  /** Kafka (Connect) version; default KAFKA_VERSION or the pinned one. */
  version?: string;
  /** Lifecycle lines. The worker's own log goes to dataDir/connect.log. */
  log?: (line: string) => void;
  /**
   * HTTP basic auth on the REST API (Connect's BasicAuthSecurityRestExtension with a JAAS
   * PropertyFileLoginModule): every request then needs these credentials, the readiness probe's too.
   */
  basicAuth?: { username: string; password: string };
}

export interface RunningConnect {
  /** `http://127.0.0.1:<port>`, the value for KAFKA_CONNECT_URL. */
  url: string;
  port: number;
  pid: number;
  /** Stops connectors' tasks and leaves the group (SIGTERM), SIGKILL after 20 s. Idempotent; needs no `this`. */
  stop(): Promise<void>;
}

export const DEBEZIUM_POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";

const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 120_000;
const PROBE_INTERVAL_MS = 500;
const HEAP = { min: "128m", max: "512m" };

export async function startConnect(opts: StartConnectOptions): Promise<RunningConnect> {
  const log = opts.log ?? (() => {});
  const groupId = opts.groupId ?? "syncdeck-connect";
  requireJava();
  const jars = await ensureConnectJars({ kafka: opts.version ?? kafkaVersion() }, log);
  const clusterId = await clusterProbe(opts.brokers)();
  if (!clusterId) throw new Error(`Kafka Connect needs a Kafka cluster, and none answers on ${opts.brokers}`);

  const files = serviceFiles(opts.dataDir, "connect");
  fs.mkdirSync(files.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  fs.writeFileSync(
    files.properties,
    workerProperties({
      brokers: opts.brokers,
      groupId,
      port,
      pluginPath: jars.pluginPath,
      basicAuth: opts.basicAuth !== undefined,
    }),
  );
  const options = jvmOptions(HEAP, files);
  if (opts.basicAuth)
    options.push(`-Djava.security.auth.login.config=${writeBasicAuthFiles(files.dir, opts.basicAuth)}`);
  // Per-request access log and the verbose dumps of every producer/consumer config.
  fs.writeFileSync(
    files.log4j,
    log4jProperties(files.log, [
      "org.apache.kafka.connect.runtime.rest.RestServer",
      "org.apache.kafka.clients.producer.ProducerConfig",
      "org.apache.kafka.clients.consumer.ConsumerConfig",
      "org.apache.kafka.clients.admin.AdminClientConfig",
      "org.apache.kafka.common.config.AbstractConfig",
      "org.reflections",
    ]),
  );

  const started = performance.now();
  const worker = await launchJvm({
    files,
    classpath: path.join(jars.libs, "*"),
    options,
    mainClass: "org.apache.kafka.connect.cli.ConnectDistributed",
    args: [files.properties],
  });
  const url = `http://${HOST}:${port}`;
  try {
    await waitUntilReady({
      name: "Kafka Connect",
      jvm: worker,
      files,
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: PROBE_INTERVAL_MS,
      probe: () => isReady(url, clusterId, opts.basicAuth),
    });
  } catch (error) {
    await worker.stop();
    throw error;
  }
  log(`Kafka Connect on ${url} (pid ${worker.process.pid}) ready in ${secondsSince(started)} s; log: ${files.log}`);
  return { url, port, pid: worker.process.pid, stop: worker.stop };
}

/** The JAAS file naming the users file (`user: password` per line); returns the JAAS file's path. */
function writeBasicAuthFiles(dir: string, credentials: { username: string; password: string }): string {
  if (/[\s:]/.test(credentials.username) || /[\r\n]/.test(credentials.password))
    throw new Error("basicAuth: the user name must have no spaces or colons, the password no line breaks");
  const users = path.join(dir, "connect-users.properties");
  const jaas = path.join(dir, "connect-jaas.conf");
  fs.writeFileSync(users, `${credentials.username}: ${credentials.password}\n`, { mode: 0o600 });
  fs.writeFileSync(
    jaas,
    `KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n  file="${users}";\n};\n`,
  );
  return jaas;
}

function workerProperties(p: {
  brokers: string;
  groupId: string;
  port: number;
  pluginPath: string;
  basicAuth: boolean;
}): string {
  return `# Written by scripts/stack/connect.ts on every start.
bootstrap.servers=${p.brokers}
group.id=${p.groupId}
config.storage.topic=${p.groupId}.configs
offset.storage.topic=${p.groupId}.offsets
status.storage.topic=${p.groupId}.status
# One broker. (Internal topics are created by the worker itself, so auto.create.topics.enable=false is fine.)
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=5
status.storage.partitions=1

# See the file comment: the value is the bare Debezium envelope.
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false

# Source offsets (LSNs) are committed every 5 s instead of 60 s: less to replay after a crash.
offset.flush.interval.ms=5000

listeners=http://${HOST}:${p.port}
rest.advertised.host.name=${HOST}
rest.advertised.port=${p.port}
rest.advertised.listener=http

# A tenant's source password reaches a connector as \${env:SYNCDECK_SOURCE_SECRET_<NAME>}: the worker
# resolves it from its own environment when it starts the task, so the config topic and the REST
# API hold the reference, never the password. Only source secrets can be read this way.
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
config.providers.env.param.allowlist.pattern=^SYNCDECK_SOURCE_SECRET_[A-Z0-9_]+$

plugin.path=${p.pluginPath}
# Debezium and Kafka's own plugins ship ServiceLoader manifests (KIP-898), so no classpath scan.
plugin.discovery=service_load
${p.basicAuth ? "\n# HTTP basic auth on the REST API; users in the JAAS file's PropertyFileLoginModule.\nrest.extension.classes=org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension\n" : ""}`;
}

/**
 * Ready = the REST API answers for *our* Kafka cluster, lists the Debezium connector, and the
 * worker has joined its group (GET /connectors answers 200 rather than a rebalance error), so a
 * connector can be registered right away.
 */
async function isReady(
  url: string,
  clusterId: string,
  basicAuth?: { username: string; password: string },
): Promise<boolean> {
  const headers: Record<string, string> = basicAuth
    ? { authorization: `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString("base64")}` }
    : {};
  const getJson = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(2_000) });
    return response.ok ? response.json() : undefined;
  };
  try {
    const root = (await getJson("/")) as { kafka_cluster_id?: string } | undefined;
    if (root?.kafka_cluster_id !== clusterId) return false;
    const plugins = (await getJson("/connector-plugins")) as Array<{ class?: string }> | undefined;
    if (!plugins?.some((plugin) => plugin.class === DEBEZIUM_POSTGRES_CONNECTOR)) return false;
    return (await getJson("/connectors")) !== undefined;
  } catch {
    return false;
  }
}
