/**
 * The source side of the demo: per tenant, its source database, its cdc topics, its Debezium
 * connector, and a source simulator child process writing changes at the demo rate (one tenant
 * also writes faults, so retries and the DLQ are never empty). Idempotent, so `npm run demo` can
 * call it on every start: databases and topics are created only when missing, and the connector's
 * config is PUT again (Connect keeps its offset, so streaming resumes where it stopped).
 *
 * stop() ends the simulators only. Connectors stay registered, as they would on a shared Connect
 * cluster: stopping the Connect worker stops them, and its next start resumes them.
 */
import fs from "node:fs";
import path from "node:path";
import { logLevel } from "kafkajs";
import { ensureSourceDatabase } from "@/lib/source-db/source-db";
import { createConnectClient } from "../../server/connect/connect-client";
import { putConnectorWithRetry } from "../../server/connect/register-connector";
import {
  buildConnectorConfig,
  connectorName,
  connectorTopics,
  sourceConnectionFromUrl,
} from "@/lib/connect/connector-config";
import { createKafka, retryRetriable } from "@/lib/kafka/client";
import { REPO_ROOT } from "./maven";
import { spawnManaged, type ManagedProcess } from "./process";

export interface SourceSideOptions {
  /** A URL on the Postgres server that holds the source databases, with the right to create databases. */
  adminDatabaseUrl: string;
  /** KAFKA_CONNECT_URL. */
  connectUrl: string;
  /** Kafka client settings (KAFKA_BROKERS, SASL/TLS) for creating missing topics; default process.env. */
  kafkaEnv?: NodeJS.ProcessEnv;
  tenants: string[];
  /** Changes per second per tenant. */
  rate: number;
  /** The tenant whose simulator writes faults, at `faultRate` (default 0.01). */
  faultyTenant?: string;
  faultRate?: number;
  /** Partitions of cdc topics created here; provisioning may have created them already with its own count. */
  partitions?: number;
  /** Simulator output goes to `<logDir>/source-simulator-<tenant>.log`. */
  logDir: string;
  log?: (line: string) => void;
}

export interface RunningSourceSide {
  /** One line per tenant, for the demo's "started" list. */
  started: string[];
  /** Stops every simulator (SIGTERM: the transaction in flight commits). Idempotent. */
  stop(): Promise<void>;
}

const SIMULATOR_ENTRY = path.join(REPO_ROOT, "pipeline/source-simulator/index.ts");
const SIMULATOR_GRACE_MS = 5_000;

export async function startSourceSide(options: SourceSideOptions): Promise<RunningSourceSide> {
  const log = options.log ?? (() => {});
  const connect = createConnectClient(options.connectUrl);
  fs.mkdirSync(options.logDir, { recursive: true });
  await ensureTopics(options);

  const simulators: ManagedProcess[] = [];
  const stop = async () => void (await Promise.all(simulators.map((simulator) => simulator.stop(SIMULATOR_GRACE_MS))));
  const started: string[] = [];
  try {
    for (const tenant of options.tenants) {
      const sourceUrl = await ensureSourceDatabase(options.adminDatabaseUrl, tenant);
      await putConnectorWithRetry(
        connect,
        connectorName(tenant),
        buildConnectorConfig(tenant, sourceConnectionFromUrl(sourceUrl)),
      );
      const faultRate = tenant === options.faultyTenant ? (options.faultRate ?? 0.01) : 0;
      simulators.push(spawnSimulator(tenant, sourceUrl, options.rate, faultRate, options.logDir));
      const line = `source simulator for ${tenant}: ${options.rate} changes/s${faultRate ? `, ${faultRate * 100}% faulty` : ""} → connector ${connectorName(tenant)}`;
      started.push(line);
      log(line);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { started, stop };
}

/**
 * The broker refuses implicit topic creation. Topics that exist already (created by provisioning,
 * e.g. lib/kafka/ensure-topics.ts with the tenant's partition count) are left as they are.
 * The heartbeat topic carries one small record per interval: one partition is plenty.
 */
async function ensureTopics(options: SourceSideOptions): Promise<void> {
  const admin = createKafka(options.kafkaEnv ?? process.env, { logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const wanted = options.tenants.flatMap((tenant) => {
      const { cdc, heartbeat } = connectorTopics(tenant);
      const partitions = options.partitions ?? 3;
      return [
        { topic: cdc.members, numPartitions: partitions },
        { topic: cdc.claims, numPartitions: partitions },
        { topic: heartbeat, numPartitions: 1 },
      ];
    });
    const existing = new Set(await retryRetriable(() => admin.listTopics()));
    const missing = wanted.filter(({ topic }) => !existing.has(topic));
    if (missing.length) await retryRetriable(() => admin.createTopics({ topics: missing, waitForLeaders: true }));
  } finally {
    await admin.disconnect();
  }
}

/** The source URL (with its password) goes in the environment, not the arguments that `ps` shows. */
function spawnSimulator(
  tenant: string,
  sourceUrl: string,
  rate: number,
  faultRate: number,
  logDir: string,
): ManagedProcess {
  // `--import tsx` runs the TypeScript in this very process, so the parent-death signal reaches it.
  return spawnManaged(
    process.execPath,
    ["--import", "tsx", SIMULATOR_ENTRY, "--tenant", tenant, "--rate", String(rate), "--fault-rate", String(faultRate)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SOURCE_DATABASE_URL: sourceUrl },
      outputFile: path.join(logDir, `source-simulator-${tenant}.log`),
    },
  );
}
