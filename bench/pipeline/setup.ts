/**
 * What the bench runs against: a broker and a Postgres of its own (unless KAFKA_BROKERS /
 * DATABASE_URL are set; its Postgres records commit timestamps), migrated, and the clients every
 * stage shares.
 */
import fs from "node:fs";
import path from "node:path";
import { logLevel, type Admin, type Kafka, type Producer } from "kafkajs";
import pg from "pg";
import { createKafka, createProducer } from "@/lib/kafka/client";
import { applyMigrations } from "../../server/db/migrate";
import { startKafka } from "../../scripts/stack/kafka";
import { startPostgres, type RunningPostgres } from "../../scripts/stack/postgres";
import type { ManagedProcess } from "../../scripts/stack/process";

export interface Stack {
  databaseUrl: string;
  cleanup: () => Promise<void>;
  /** pids of what the bench started itself (for CPU accounting) */
  kafkaPid?: number;
  postmasterPid?: () => number | undefined;
}

export async function startStack(tmp: string): Promise<Stack> {
  const stops: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  };
  let kafkaPid: number | undefined;
  let postmasterPid: (() => number | undefined) | undefined;
  try {
    if (!process.env.KAFKA_BROKERS) {
      const kafka = await startKafka({ dataDir: path.join(tmp, "kafka") });
      process.env.KAFKA_BROKERS = kafka.brokers;
      kafkaPid = kafka.pid;
      stops.push(kafka.stop);
    }
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const dataDir = path.join(tmp, "postgres");
      let postgres: RunningPostgres = await startPostgres({ dataDir });
      // Commit timestamps let the latency phase use each batch's real commit time.
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query("ALTER SYSTEM SET track_commit_timestamp = on");
      await admin.end();
      await postgres.stop();
      postgres = await startPostgres({ dataDir });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
      postmasterPid = () =>
        Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]) || undefined;
    }
    await applyMigrations(databaseUrl);
    return { databaseUrl, cleanup, kafkaPid, postmasterPid };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** What the stages share: the clients, where logs go, and the processors running now (stopped at the end whatever happens). */
export type BenchContext = {
  stack: Stack;
  env: NodeJS.ProcessEnv;
  pool: pg.Pool;
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  logDir: string;
  /** whether the target records commit timestamps */
  commitTs: boolean;
  /** the SQL for when a trail row's transaction committed (or, without commit timestamps, began) */
  committedAt: string;
  running: ManagedProcess[];
  track(processors: ManagedProcess[]): void;
};

/** Connects the clients; each is closed by the closers, in reverse order. */
export async function connect(
  stack: Stack,
  logDir: string,
  closers: Array<() => Promise<void>>,
): Promise<BenchContext> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: stack.databaseUrl, KAFKA_CLIENT_ID: "syncdeck-bench" };
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 3 });
  pool.on("error", () => {}); // an idle client losing its session at shutdown must not crash the bench
  closers.push(() => pool.end());
  const kafka = createKafka(env, { logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  // A fresh broker loads its transaction state at the first producer-id request (an idempotent
  // producer's connect, as every processor's) and answers "coordinator is loading" until then; a
  // running cluster has it loaded. Ask once here, so a timed window does not pay a retry back-off.
  const idempotent = createProducer(kafka, { idempotent: true, maxInFlightRequests: 1 });
  await idempotent.connect();
  await idempotent.disconnect();
  closers.push(
    () => admin.disconnect(),
    () => producer.disconnect(),
  );

  const commitTs = (await pool.query<{ on: boolean }>("SELECT current_setting('track_commit_timestamp') = 'on' AS on"))
    .rows[0]!.on;
  const committedAt = commitTs ? "pg_xact_commit_timestamp(xmin)" : "processed_at";
  const ctx: BenchContext = {
    stack,
    env,
    pool,
    kafka,
    admin,
    producer,
    logDir,
    commitTs,
    committedAt,
    running: [],
    track: (processors) => (ctx.running = processors),
  };
  return ctx;
}
