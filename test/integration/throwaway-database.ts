/**
 * A throwaway database on the integration Postgres for one test file: created and migrated before
 * the file's tests, seeded (roles, permissions, and the demo tenants and users when asked), made the
 * process's DATABASE_URL, and dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { disconnectPrisma, getPrisma } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { seed } from "../../prisma/seed";

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type ScratchDatabase = { name: string; url: string; drop(): Promise<void> };

/**
 * An empty database next to the integration one (migrated when asked), for tests that hand its URL
 * to `syncdeck` processes rather than to this process; `drop()` removes it, connections and all.
 */
export async function createScratchDatabase(
  prefix: string,
  options: { migrate: boolean },
  serverUrl = process.env.DATABASE_URL!,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (options.migrate) await applyMigrations(url.toString());
  return {
    name,
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export function withThrowawayDatabase(prefix: string, options: { demo: boolean }): void {
  const serverUrl = process.env.DATABASE_URL!;
  let database: ScratchDatabase | undefined;
  beforeAll(async () => {
    database = await createScratchDatabase(prefix, { migrate: true }, serverUrl);
    await disconnectPrisma();
    process.env.DATABASE_URL = database.url;
    await seed(getPrisma(), options);
  });
  afterAll(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = serverUrl;
    await database?.drop();
  });
}
