/**
 * A single-node Apache Kafka (KRaft, combined broker + controller) for the demo and the
 * integration tests: Maven Central jars (scripts/kafka/fetch.ts) run with the machine's Java.
 *
 * dataDir keeps `data/` (the log dirs and the KRaft metadata log) across restarts;
 * `data/meta.properties` holds the cluster id, so its presence means "formatted" and a restart
 * reuses the topics and offsets. The ports may differ between starts: the quorum is static
 * (`controller.quorum.voters`), so no endpoint is baked into the metadata log. The other files
 * (broker.properties, broker.log, …) are described in ./jvm.ts.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { ensureKafkaJars, kafkaVersion } from "../kafka/fetch";
import { jvmOptions, launchJvm, log4jProperties, secondsSince, serviceFiles, waitUntilReady } from "./jvm";
import { freePorts } from "./net";
import { runToCompletion } from "./process";
import { requireJava } from "./tools";

export interface StartKafkaOptions {
  /** Created on first use and formatted once; reused (with its topics and offsets) afterwards. */
  dataDir: string;
  /** Client port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** KRaft controller port on 127.0.0.1; a free one when omitted. */
  controllerPort?: number;
  /** Apache Kafka version; default KAFKA_VERSION or the pinned one in scripts/kafka/fetch.ts. */
  version?: string;
  /** Lifecycle lines (fetching, formatting, ready). The broker's own log goes to dataDir/broker.log. */
  log?: (line: string) => void;
}

export interface RunningKafka {
  /** `127.0.0.1:<port>`, the value for KAFKA_BROKERS. */
  brokers: string;
  port: number;
  pid: number;
  /** Controlled shutdown (SIGTERM), SIGKILL after 20 s. Idempotent; needs no `this`. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 60_000;
const FORMAT_TIMEOUT_MS = 60_000;
const PROBE_INTERVAL_MS = 250;
const HEAP = { min: "256m", max: "512m" };

export async function startKafka(opts: StartKafkaOptions): Promise<RunningKafka> {
  const log = opts.log ?? (() => {});
  const version = opts.version ?? kafkaVersion();
  requireJava();
  const libs = await ensureKafkaJars(version, log);
  const files = brokerFiles(opts.dataDir);
  fs.mkdirSync(files.dir, { recursive: true });

  const [port, controllerPort] = await choosePorts(opts);
  fs.writeFileSync(files.properties, serverProperties({ port, controllerPort, logDir: files.logDir }));
  // Per-request and per-partition state chatter; WARN keeps the problems.
  fs.writeFileSync(files.log4j, log4jProperties(files.log, ["kafka.request.logger", "state.change.logger"]));
  const classpath = path.join(libs, "*");
  if (!fs.existsSync(files.metaProperties)) await formatStorage(classpath, files, log);
  const clusterId = readClusterId(files.metaProperties);

  const started = performance.now();
  const options = jvmOptions(HEAP, files);
  const broker = await launchJvm({ files, classpath, options, mainClass: "kafka.Kafka", args: [files.properties] });
  const brokers = `${HOST}:${port}`;
  const probe = clusterProbe(brokers);
  try {
    // Comparing the cluster id means another broker already listening on a given port is not
    // mistaken for ours (ours then fails to bind and exits, which is reported with its log).
    await waitUntilReady({
      name: "Kafka broker",
      jvm: broker,
      files,
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: PROBE_INTERVAL_MS,
      probe: async () => (await probe()) === clusterId,
    });
  } catch (error) {
    await broker.stop();
    throw error;
  }
  log(`Kafka ${version} broker on ${brokers} (pid ${broker.process.pid}) ready in ${secondsSince(started)} s; log: ${files.log}`);
  return { brokers, port, pid: broker.process.pid, stop: broker.stop };
}

function brokerFiles(dataDir: string) {
  const files = serviceFiles(dataDir, "broker");
  return { ...files, logDir: path.join(files.dir, "data"), metaProperties: path.join(files.dir, "data", "meta.properties") };
}
type BrokerFiles = ReturnType<typeof brokerFiles>;

async function choosePorts(opts: StartKafkaOptions): Promise<[number, number]> {
  const given = [opts.port, opts.controllerPort].filter((p): p is number => p !== undefined);
  const free = await freePorts(2 - given.length, given);
  return [opts.port ?? free.shift()!, opts.controllerPort ?? free.shift()!];
}

function serverProperties(p: { port: number; controllerPort: number; logDir: string }): string {
  return `# Written by scripts/stack/kafka.ts on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${p.controllerPort}
listeners=PLAINTEXT://${HOST}:${p.port},CONTROLLER://${HOST}:${p.controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${p.port}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${p.logDir}

# One broker: every internal topic has one replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fewer internal partitions than the default 50: faster first start, fewer open files.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Topics are created on purpose (tenant provisioning decides partition counts), never by a typo.
auto.create.topics.enable=false
num.partitions=3
# Tests and the demo want a consumer group to start consuming at once, not after 3 s.
group.initial.rebalance.delay.ms=0

# Sized for a laptop: 2 cores, one client or ten.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
log.retention.hours=168
`;
}

/** `kafka-storage format`: writes meta.properties (with the cluster id) and the bootstrap metadata. */
async function formatStorage(classpath: string, files: BrokerFiles, log: (line: string) => void): Promise<void> {
  log(`formatting a new KRaft log in ${files.logDir}`);
  const args = ["-Xmx256m", `-Dlog4j2.configurationFile=${files.log4j}`, "-cp", classpath, "kafka.tools.StorageTool"];
  args.push("format", "-t", newClusterId(), "-c", files.properties);
  const { code, output } = await runToCompletion("java", args, { cwd: files.dir, timeoutMs: FORMAT_TIMEOUT_MS });
  if (code !== 0 || !fs.existsSync(files.metaProperties)) {
    throw new Error(`Kafka storage format failed (exit ${code ?? "timeout"}):\n${output.trim()}`);
  }
}

/** Kafka's Uuid.randomUuid(): 16 random bytes, URL-safe base64; never starting with "-" (CLI parsing). */
function newClusterId(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

function readClusterId(metaProperties: string): string {
  const match = /^cluster\.id=(.+)$/m.exec(fs.readFileSync(metaProperties, "utf8"));
  if (!match?.[1]) throw new Error(`${metaProperties} has no cluster.id; delete its folder to start from scratch`);
  return match[1].trim();
}

/**
 * Ready = a kafkajs admin gets the cluster id from describeCluster: the same client path the
 * console and the pipeline use. Short timeouts and no retries: the caller polls.
 */
export function clusterProbe(brokers: string): () => Promise<string | undefined> {
  const kafka = new Kafka({
    clientId: "syncdeck-stack-probe",
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  return async () => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      return (await admin.describeCluster()).clusterId;
    } catch {
      return undefined;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  };
}
