/**
 * A tenant's source database (its system of record) on a Postgres server: created when missing,
 * given pipeline/shared/source-schema.sql, a heartbeat table and the publication its Debezium
 * connector streams from. Idempotent: provisioning and `npm run demo` call it on every start.
 *
 * Why we create the publication rather than Debezium (see lib/connect/connector-config.ts): it
 * needs ownership of the tables, which the connector's user should not have; and a publication
 * FOR TABLE members, claims, sync_heartbeat is exactly what is streamed, nothing more.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { HEARTBEAT_TABLE, publicationName, slotName } from "@/lib/connect/connector-config";
import { sourceClient, type SourceTarget } from "./source-client";
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import { withConnection } from "@/lib/pg/with-connection";

/**
 * The source schema (pipeline/shared/source-schema.sql). Inside the console's Next.js bundle (where the tenant-job
 * worker provisions sources) `__dirname` is a virtual "/ROOT/…", and inside the `syncdeck` bundle it
 * is dist/, so the file is also looked for under SYNCDECK_HOME (the package root, set by the
 * `syncdeck` command) and the working directory (the standalone console's, which carries the file).
 */
export function schemaFile(
  candidates: readonly string[] = [
    path.join(__dirname, "..", "..", "pipeline", "shared", "source-schema.sql"),
    ...(process.env.SYNCDECK_HOME
      ? [path.join(process.env.SYNCDECK_HOME, "pipeline", "shared", "source-schema.sql")]
      : []),
    path.join(process.cwd(), "pipeline", "shared", "source-schema.sql"),
  ],
): string {
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`source-schema.sql not found (looked at ${candidates.join(", ")})`);
  return found;
}
const DUPLICATE_DATABASE = "42P04";
const DUPLICATE_OBJECT = "42710";
const SLOT_RELEASE_TIMEOUT_MS = 30_000;

export function sourceDatabaseName(tenant: string): string {
  return `source_${assertTenantSlug(tenant).replaceAll("-", "_")}`;
}

/** The URL of `database` on the server of `serverUrl` (same host, port and credentials). */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates (if missing) and prepares the tenant's source database; returns its URL. */
export async function ensureSourceDatabase(adminUrl: string, tenant: string): Promise<string> {
  const database = sourceDatabaseName(tenant);
  await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ wal_level: string }>("SHOW wal_level");
    if (rows[0]?.wal_level !== "logical") {
      throw new Error(
        `the Postgres server of ${redact(adminUrl)} runs with wal_level=${rows[0]?.wal_level}; CDC needs wal_level=logical`,
      );
    }
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    // CREATE DATABASE has no IF NOT EXISTS; a concurrent creator makes ours fail with 42P04, which is fine.
    if (exists.rowCount === 0) await ignoring(DUPLICATE_DATABASE, () => admin.query(`CREATE DATABASE ${database}`));
  });
  const url = databaseUrl(adminUrl, database);
  await withClient(url, (source) => source.query(fs.readFileSync(schemaFile(), "utf8")));
  await ensureCdcObjects(url, tenant);
  return url;
}

/**
 * What CDC needs in a source database that has its tables already (a tenant's own database too):
 * the heartbeat table and the publication over `tables` and the heartbeat. Needs ownership of the
 * tables, as CREATE PUBLICATION does. Idempotent.
 */
export async function ensureCdcObjects(
  url: SourceTarget,
  tenant: string,
  tables: readonly string[] = ["members", "claims"],
): Promise<void> {
  await withClient(url, async (source) => {
    await source.query(
      `CREATE TABLE IF NOT EXISTS ${HEARTBEAT_TABLE} (id integer PRIMARY KEY, beat_at timestamptz NOT NULL)`,
    );
    await ensurePublication(source, publicationName(tenant), tables);
  });
}

/** Drops the tenant's publication (offboarding); the tables and their rows stay. */
export async function dropPublication(url: SourceTarget, tenant: string): Promise<void> {
  await withClient(url, (source) => source.query(`DROP PUBLICATION IF EXISTS ${publicationName(tenant)}`));
}

async function ensurePublication(
  source: pg.Client,
  publication: string,
  entityTables: readonly string[],
): Promise<void> {
  const tables = [...entityTables, HEARTBEAT_TABLE].join(", ");
  const exists = await source.query("SELECT 1 FROM pg_publication WHERE pubname = $1", [publication]);
  if (exists.rowCount === 0) {
    await ignoring(DUPLICATE_OBJECT, () => source.query(`CREATE PUBLICATION ${publication} FOR TABLE ${tables}`));
  }
  // Also repairs a publication someone narrowed or widened by hand.
  await source.query(`ALTER PUBLICATION ${publication} SET TABLE ${tables}`);
}

/**
 * Offboarding: drops the tenant's replication slot once no connector streams from it any more (a
 * slot nobody reads pins WAL forever). Delete the connector first, or this times out. Idempotent.
 */
export async function dropReplicationSlot(serverUrl: SourceTarget, tenant: string): Promise<void> {
  const slot = slotName(tenant);
  await withClient(serverUrl, async (admin) => {
    const deadline = Date.now() + SLOT_RELEASE_TIMEOUT_MS;
    for (;;) {
      const { rows } = await admin.query<{ active: boolean }>(
        "SELECT active FROM pg_replication_slots WHERE slot_name = $1",
        [slot],
      );
      if (rows.length === 0) break;
      if (!rows[0]!.active) {
        await admin.query("SELECT pg_drop_replication_slot($1)", [slot]);
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`replication slot ${slot} is still in use; delete the tenant's connector first`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
}

/** Test clean-up: the slot, then the database. */
export async function dropSourceDatabase(adminUrl: string, tenant: string): Promise<void> {
  await dropReplicationSlot(adminUrl, tenant);
  await withClient(adminUrl, (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${sourceDatabaseName(tenant)} WITH (FORCE)`),
  );
}

/** One connection to `target` for the duration of `work`; a server asking for a clear-text password is refused. */
export async function withClient<T>(
  target: SourceTarget,
  work: (client: pg.Client) => Promise<T>,
  options: pg.ClientConfig = {},
): Promise<T> {
  return withConnection(sourceClient(target, options), work);
}

async function ignoring(code: string, statement: () => Promise<unknown>): Promise<void> {
  try {
    await statement();
  } catch (error) {
    if ((error as { code?: string }).code !== code) throw error;
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  parsed.password = parsed.password ? "***" : "";
  return parsed.toString();
}
