/**
 * Apache Kafka in KRaft mode (each node a combined broker + controller) for the demo and the
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
  /**
   * Listeners beside the PLAINTEXT one (which stays for the readiness probe and between brokers),
   * e.g. an SSL listener with `ssl.client.auth=required` to try mutual TLS against.
   */
  extraListeners?: ExtraListener[];
}

export interface ExtraListener {
  /** Listener name, upper case: `CLIENT_TLS`. */
  name: string;
  securityProtocol: "SSL" | "SASL_PLAINTEXT" | "SASL_SSL" | "PLAINTEXT";
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Written as `listener.name.<name>.<key>=<value>`, e.g. `ssl.keystore.location`. */
  properties?: Record<string, string>;
}

export interface RunningKafka {
  /** `127.0.0.1:<port>`, the value for KAFKA_BROKERS. */
  brokers: string;
  port: number;
  /** The KRaft controller's port: with `port` and the same dataDir, starts the broker again as it was. */
  controllerPort: number;
  /** `127.0.0.1:<port>` of each extra listener, by name. */
  extraListeners: Record<string, string>;
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
  const [port, controllerPort] = await choosePorts(opts);
  const extras = await extraListenerPorts(opts.extraListeners ?? [], [port, controllerPort]);
  const node: KafkaNodeSpec = { nodeId: 1, port, controllerPort };
  const started = performance.now();
  const running = await startNode({
    dataDir: opts.dataDir,
    classpath: path.join(libs, "*"),
    node,
    voters: [node],
    replication: SINGLE_NODE,
    extras,
    log,
  });
  log(
    `Kafka ${version} broker on ${running.brokers} (pid ${running.pid}) ready in ${secondsSince(started)} s; log: ${running.log}`,
  );
  const extraListeners = Object.fromEntries(extras.map((l) => [l.name, `${HOST}:${l.port}`]));
  return { brokers: running.brokers, port, controllerPort, extraListeners, pid: running.pid, stop: running.stop };
}

export interface StartKafkaClusterOptions {
  /** One sub-folder per node (`node-<id>`), formatted once with one cluster id; reused afterwards. */
  dataDir: string;
  /** Number of nodes, each a combined broker + KRaft controller (a quorum of `nodes` voters). Default 3. */
  nodes?: number;
  version?: string;
  log?: (line: string) => void;
}

export interface KafkaClusterNode {
  nodeId: number;
  port: number;
  /** The running JVM's pid, or undefined while the node is stopped. */
  pid(): number | undefined;
  /** Controlled shutdown; idempotent. */
  stop(): Promise<void>;
  /** SIGKILL: no controlled shutdown, as a crashed machine. */
  kill(): Promise<void>;
  /** Starts the node again with its data (same ports); resolves when it is back in the cluster. */
  start(): Promise<void>;
}

export interface RunningKafkaCluster {
  /** Every node's client address, comma-separated: the value for KAFKA_BROKERS. */
  brokers: string;
  nodes: KafkaClusterNode[];
  stop(): Promise<void>;
}

/**
 * A multi-node KRaft cluster on this host, replicated as production is: replication factor =
 * min(3, nodes) for every topic (internal ones included), `min.insync.replicas` = factor − 1, so
 * a producer with acks=all keeps writing while one node is down and no acknowledged write is lost.
 * For fault tests (a leader killed under load) and for trying the console against replication.
 */
export async function startKafkaCluster(opts: StartKafkaClusterOptions): Promise<RunningKafkaCluster> {
  const log = opts.log ?? (() => {});
  const count = opts.nodes ?? 3;
  if (!Number.isInteger(count) || count < 1) throw new Error(`nodes must be a positive integer (got ${count})`);
  const version = opts.version ?? kafkaVersion();
  requireJava();
  const classpath = path.join(await ensureKafkaJars(version, log), "*");
  const ports = await freePorts(count * 2);
  const voters: KafkaNodeSpec[] = Array.from({ length: count }, (_, i) => ({
    nodeId: i + 1,
    port: ports[2 * i]!,
    controllerPort: ports[2 * i + 1]!,
  }));
  const factor = Math.min(3, count);
  const replication: Replication = { factor, minInsync: Math.max(1, factor - 1) };
  const clusterId = existingClusterId(opts.dataDir, voters) ?? newClusterId();
  const started = performance.now();
  const launch = (node: KafkaNodeSpec) =>
    startNode({
      dataDir: path.join(opts.dataDir, `node-${node.nodeId}`),
      classpath,
      node,
      voters,
      replication,
      clusterId,
      log,
    });
  // A controller quorum needs a majority up before any node answers: start them together.
  const running: Array<RunningNode | undefined> = await Promise.all(voters.map(launch));
  const brokers = voters.map((v) => `${HOST}:${v.port}`).join(",");
  await waitForBrokers(brokers, count);
  log(
    `Kafka ${version} cluster of ${count} nodes on ${brokers} ready in ${secondsSince(started)} s (replication ${factor}, min.insync.replicas ${replication.minInsync})`,
  );

  const nodes: KafkaClusterNode[] = voters.map((spec, i) => ({
    nodeId: spec.nodeId,
    port: spec.port,
    pid: () => running[i]?.pid,
    stop: async () => {
      await running[i]?.stop();
      running[i] = undefined;
    },
    kill: async () => {
      const node = running[i];
      if (!node) return;
      process.kill(node.pid, "SIGKILL");
      await node.stop(); // reaps the process and removes its pid file
      running[i] = undefined;
    },
    start: async () => {
      if (running[i]) return;
      running[i] = await launch(spec);
      await waitForBrokers(brokers, count);
    },
  }));
  return { brokers, nodes, stop: async () => void (await Promise.allSettled(nodes.map((n) => n.stop()))) };
}

interface KafkaNodeSpec {
  nodeId: number;
  port: number;
  controllerPort: number;
}

interface Replication {
  factor: number;
  minInsync: number;
}

const SINGLE_NODE: Replication = { factor: 1, minInsync: 1 };

interface RunningNode {
  brokers: string;
  pid: number;
  log: string;
  stop(): Promise<void>;
}

async function startNode(p: {
  dataDir: string;
  classpath: string;
  node: KafkaNodeSpec;
  voters: KafkaNodeSpec[];
  replication: Replication;
  extras?: Array<Required<ExtraListener>>;
  clusterId?: string;
  log: (line: string) => void;
}): Promise<RunningNode> {
  const files = brokerFiles(p.dataDir);
  fs.mkdirSync(files.dir, { recursive: true });
  fs.writeFileSync(
    files.properties,
    serverProperties({
      node: p.node,
      voters: p.voters,
      replication: p.replication,
      extras: p.extras ?? [],
      logDir: files.logDir,
    }),
  );
  // Per-request and per-partition state chatter; WARN keeps the problems.
  fs.writeFileSync(files.log4j, log4jProperties(files.log, ["kafka.request.logger", "state.change.logger"]));
  if (!fs.existsSync(files.metaProperties))
    await formatStorage(p.classpath, files, p.clusterId ?? newClusterId(), p.log);
  const clusterId = readClusterId(files.metaProperties);

  const options = jvmOptions(HEAP, files);
  const broker = await launchJvm({
    files,
    classpath: p.classpath,
    options,
    mainClass: "kafka.Kafka",
    args: [files.properties],
  });
  const brokers = `${HOST}:${p.node.port}`;
  const probe = clusterProbe(brokers);
  try {
    // Comparing the cluster id means another broker already listening on a given port is not
    // mistaken for ours (ours then fails to bind and exits, which is reported with its log).
    await waitUntilReady({
      name: p.voters.length > 1 ? `Kafka node ${p.node.nodeId}` : "Kafka broker",
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
  return { brokers, pid: broker.process.pid, log: files.log, stop: broker.stop };
}

/** Every node formatted before shares one cluster id; a node folder of another cluster is an error. */
function existingClusterId(dataDir: string, voters: KafkaNodeSpec[]): string | undefined {
  const ids = new Set(
    voters
      .map((v) => brokerFiles(path.join(dataDir, `node-${v.nodeId}`)).metaProperties)
      .filter((file) => fs.existsSync(file))
      .map(readClusterId),
  );
  if (ids.size > 1)
    throw new Error(
      `${dataDir} holds nodes of different clusters (${[...ids].join(", ")}); delete it to start from scratch`,
    );
  return [...ids][0];
}

/** Until describeCluster lists `count` brokers: every node registered with the controller. */
async function waitForBrokers(brokers: string, count: number): Promise<void> {
  const kafka = new Kafka({
    clientId: "syncdeck-stack-probe",
    brokers: brokers.split(","),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const admin = kafka.admin();
    const seen = await admin
      .connect()
      .then(() => admin.describeCluster())
      .then((c) => c.brokers.length)
      .catch(() => 0)
      .finally(() => admin.disconnect().catch(() => {}));
    if (seen >= count) return;
    if (Date.now() > deadline)
      throw new Error(
        `Kafka cluster on ${brokers}: ${seen} of ${count} brokers registered after ${START_TIMEOUT_MS / 1000} s`,
      );
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
}

function brokerFiles(dataDir: string) {
  const files = serviceFiles(dataDir, "broker");
  return {
    ...files,
    logDir: path.join(files.dir, "data"),
    metaProperties: path.join(files.dir, "data", "meta.properties"),
  };
}
type BrokerFiles = ReturnType<typeof brokerFiles>;

async function choosePorts(opts: StartKafkaOptions): Promise<[number, number]> {
  const given = [opts.port, opts.controllerPort].filter((p): p is number => p !== undefined);
  const free = await freePorts(2 - given.length, given);
  return [opts.port ?? free.shift()!, opts.controllerPort ?? free.shift()!];
}

async function extraListenerPorts(
  listeners: ExtraListener[],
  taken: number[],
): Promise<Array<Required<ExtraListener>>> {
  for (const l of listeners) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(l.name) || l.name === "PLAINTEXT" || l.name === "CONTROLLER")
      throw new Error(`listener name "${l.name}" must be upper case and not PLAINTEXT or CONTROLLER`);
  }
  const given = listeners.flatMap((l) => (l.port === undefined ? [] : [l.port]));
  const free = await freePorts(listeners.length - given.length, [...taken, ...given]);
  return listeners.map((l) => ({ ...l, port: l.port ?? free.shift()!, properties: l.properties ?? {} }));
}

function serverProperties(p: {
  node: KafkaNodeSpec;
  voters: KafkaNodeSpec[];
  replication: Replication;
  extras: Array<Required<ExtraListener>>;
  logDir: string;
}): string {
  const { node, replication: r } = p;
  const voters = p.voters.map((v) => `${v.nodeId}@${HOST}:${v.controllerPort}`).join(",");
  const extra = (format: (l: Required<ExtraListener>) => string) => p.extras.map((l) => `,${format(l)}`).join("");
  const extraProperties = p.extras
    .flatMap((l) =>
      Object.entries(l.properties).map(([key, value]) => `listener.name.${l.name.toLowerCase()}.${key}=${value}\n`),
    )
    .join("");
  return `# Written by scripts/stack/kafka.ts on every start.
process.roles=broker,controller
node.id=${node.nodeId}
controller.quorum.voters=${voters}
listeners=PLAINTEXT://${HOST}:${node.port},CONTROLLER://${HOST}:${node.controllerPort}${extra((l) => `${l.name}://${HOST}:${l.port}`)}
advertised.listeners=PLAINTEXT://${HOST}:${node.port}${extra((l) => `${l.name}://${HOST}:${l.port}`)}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${extra((l) => `${l.name}:${l.securityProtocol}`)}
${extraProperties}log.dirs=${p.logDir}

# Every topic, internal ones included, has ${r.factor} replica(s); acks=all needs ${r.minInsync} in sync.
default.replication.factor=${r.factor}
min.insync.replicas=${r.minInsync}
offsets.topic.replication.factor=${r.factor}
transaction.state.log.replication.factor=${r.factor}
transaction.state.log.min.isr=${r.minInsync}
share.coordinator.state.topic.replication.factor=${r.factor}
share.coordinator.state.topic.min.isr=${r.minInsync}
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
async function formatStorage(
  classpath: string,
  files: BrokerFiles,
  clusterId: string,
  log: (line: string) => void,
): Promise<void> {
  log(`formatting a new KRaft log in ${files.logDir}`);
  const args = ["-Xmx256m", `-Dlog4j2.configurationFile=${files.log4j}`, "-cp", classpath, "kafka.tools.StorageTool"];
  args.push("format", "-t", clusterId, "-c", files.properties);
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
