import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startKafka } from "../../scripts/stack/kafka";
import { startPostgres } from "../../scripts/stack/postgres";
import { applyMigrations } from "../../server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    KAFKA_BROKERS: string;
    DATABASE_URL: string;
  }
}

/**
 * Starts a throwaway Kafka broker and Postgres on free ports for the integration tests, unless
 * KAFKA_BROKERS / DATABASE_URL already point at running ones. Both are stopped afterwards.
 */
export default async function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-it-"));
  const stops: Array<() => Promise<void>> = [];
  try {
    const [kafka, postgres] = await Promise.all([
      process.env.KAFKA_BROKERS ? null : startKafka({ dataDir: path.join(root, "kafka") }),
      process.env.DATABASE_URL
        ? null
        : startPostgres({ dataDir: path.join(root, "postgres"), logicalReplication: true }),
    ]);
    if (kafka) stops.push(kafka.stop);
    if (postgres) stops.push(postgres.stop);
    project.provide("KAFKA_BROKERS", process.env.KAFKA_BROKERS ?? kafka!.brokers);
    const databaseUrl = process.env.DATABASE_URL ?? postgres!.url;
    // Tests run against the schema the migrations build, as production does.
    await applyMigrations(databaseUrl);
    project.provide("DATABASE_URL", databaseUrl);
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }
  return async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
    fs.rmSync(root, { recursive: true, force: true });
  };
}
