import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../server/db/migrate";
import { configValue } from "../../server/config/value";
import { ensureAppLogin } from "./app-role";
import { seed } from "../../prisma/seed";
import { startConnect } from "./connect";
import { startKafka, startKafkaCluster } from "./kafka";
import { startPostgres } from "./postgres";

export type LocalStack = {
  /** Environment for every process of the stack (processors, scripts): where Kafka and Postgres are. */
  env: NodeJS.ProcessEnv;
  /**
   * The console's environment: on the stack's own Postgres its DATABASE_URL is the app login (no
   * schema changes, append-only audit log). Migrations ran before, as the owner; the owner's URL
   * reaches the console only as the server of the tenants' source databases, which the local
   * stack keeps on the same Postgres (a real deployment points SOURCE_DATABASE_SERVER_URL elsewhere).
   */
  consoleEnv: NodeJS.ProcessEnv;
  started: string[];
  stop(): Promise<void>;
};

/** Keeps the session-signing secret across restarts so sign-ins survive `npm run demo` restarts. */
function sessionSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * Brings up what the environment does not already provide: Kafka unless KAFKA_BROKERS is set,
 * PostgreSQL unless DATABASE_URL is set. Then migrates and seeds the database.
 */
export async function startLocalStack(opts: {
  dataDir: string;
  demo: boolean;
  log: (line: string) => void;
}): Promise<LocalStack> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((e) => opts.log(`stop failed: ${e}`));
  };
  try {
    const [kafka, postgres] = await Promise.all([
      process.env.KAFKA_BROKERS
        ? null
        : startLocalKafka(opts.dataDir, opts.log).then((k) => {
            stops.push(k.stop);
            started.push(
              k.nodes > 1 ? `Kafka cluster of ${k.nodes} nodes on ${k.brokers}` : `Kafka broker on ${k.brokers}`,
            );
            return k;
          }),
      process.env.DATABASE_URL
        ? null
        : startPostgres({
            dataDir: path.join(opts.dataDir, "postgres"),
            port: numberEnv("SYNCDECK_POSTGRES_PORT"),
            logicalReplication: true,
            log: importantOnly(opts.log),
          }).then((p) => {
            stops.push(p.stop);
            started.push(`PostgreSQL on port ${p.port}`);
            return p;
          }),
    ]);
    // Kafka Connect (with Debezium) runs beside a local broker; an existing cluster brings its own.
    let connectUrl = process.env.KAFKA_CONNECT_URL;
    if (!connectUrl && kafka) {
      const connect = await startConnect({
        brokers: kafka.brokers,
        dataDir: path.join(opts.dataDir, "connect"),
        port: numberEnv("SYNCDECK_CONNECT_PORT"),
        log: opts.log,
      });
      stops.push(connect.stop); // pushed after the broker, so stopped before it
      started.push(`Kafka Connect (Debezium) on ${connect.url}`);
      connectUrl = connect.url;
    } else if (!connectUrl) {
      opts.log("KAFKA_BROKERS is set but KAFKA_CONNECT_URL is not: CDC connectors cannot be managed");
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_CONNECT_URL: connectUrl,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? kafka!.brokers,
      KAFKA_REPLICATION_FACTOR:
        process.env.KAFKA_REPLICATION_FACTOR ?? (kafka ? String(kafka.replicationFactor) : undefined),
      DATABASE_URL: process.env.DATABASE_URL ?? postgres!.url,
      NEXTAUTH_SECRET: sessionSecret(opts.dataDir),
      SYNCDECK_DEMO: opts.demo ? "1" : process.env.SYNCDECK_DEMO,
      // the demo onboards small tenants into its own pool, which already runs
      SYNCDECK_ONBOARDING_POOL:
        process.env.SYNCDECK_ONBOARDING_POOL ??
        (opts.demo ? configValue("SYNCDECK_DEMO_POOL", process.env) : undefined),
    };
    const { applied } = await applyMigrations(env.DATABASE_URL!);
    if (applied.length) opts.log(`applied migrations: ${applied.join(", ")}`);
    await seedDatabase(env.DATABASE_URL!, opts.demo, env);
    const consoleEnv: NodeJS.ProcessEnv = postgres
      ? {
          ...env,
          DATABASE_URL: await ensureAppLogin(env.DATABASE_URL!),
          SOURCE_DATABASE_SERVER_URL: env.SOURCE_DATABASE_SERVER_URL || env.DATABASE_URL,
        }
      : env;
    return { env, consoleEnv, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One broker by default; SYNCDECK_KAFKA_NODES=3 runs a replicated cluster (replication 3,
 * min.insync.replicas 2) to watch the console through a broker failure. Each size keeps its own data.
 */
async function startLocalKafka(dataDir: string, log: (line: string) => void) {
  const nodes = positiveEnv("SYNCDECK_KAFKA_NODES") ?? 1;
  if (nodes === 1) {
    const k = await startKafka({ dataDir: path.join(dataDir, "kafka"), port: numberEnv("SYNCDECK_KAFKA_PORT"), log });
    return { brokers: k.brokers, stop: k.stop, nodes, replicationFactor: 1 };
  }
  const cluster = await startKafkaCluster({ dataDir: path.join(dataDir, `kafka-${nodes}-nodes`), nodes, log });
  return { brokers: cluster.brokers, stop: cluster.stop, nodes, replicationFactor: Math.min(3, nodes) };
}

function positiveEnv(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 9)
    throw new Error(`${name} must be a whole number from 1 to 9, got "${value}"`);
  return parsed;
}

async function seedDatabase(
  databaseUrl: string,
  demo: boolean,
  env: Record<string, string | undefined>,
): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { getPrisma, disconnectPrisma } = await import("../../server/db/client");
  try {
    await seed(getPrisma(), { demo, env });
  } finally {
    await disconnectPrisma();
  }
}

/** Postgres narrates every start; only its warnings and errors belong on the demo's console. */
function importantOnly(log: (line: string) => void): (line: string) => void {
  return (line) => {
    if (/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line)) log(`[postgres] ${line}`);
  };
}

function numberEnv(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return parsed;
}
