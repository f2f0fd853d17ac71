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

export function withThrowawayDatabase(prefix: string, options: { demo: boolean }): void {
  const serverUrl = process.env.DATABASE_URL!;
  const database = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  beforeAll(async () => {
    await onServer(serverUrl, `CREATE DATABASE "${database}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    await applyMigrations(url.toString());
    await disconnectPrisma();
    process.env.DATABASE_URL = url.toString();
    await seed(getPrisma(), options);
  });
  afterAll(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = serverUrl;
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });
}
