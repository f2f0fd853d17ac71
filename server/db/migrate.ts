/**
 * Applies the migrations in prisma/migrations/<timestamp>_<name>/migration.sql the way
 * `prisma migrate deploy` does, without Prisma's native schema engine (which cannot be
 * downloaded on this project's machines). Interchangeable with `prisma migrate deploy`:
 * - the history lives in Prisma's own `_prisma_migrations` table (same columns, same checksum);
 * - the same session advisory lock (72707369) serialises it against other migrators, ours or
 *   Prisma's, so two processes never apply the same migration;
 * - a recorded failed migration blocks further migrations (Prisma's P3009), to be resolved by hand.
 * Stricter than `migrate deploy`: an applied migration whose file was edited since is refused
 * (deploy ignores that; `migrate dev` would reset the database) — editing history hides drift.
 * Kinder: each migration runs in one transaction with its bookkeeping, so a failure leaves no
 * half-applied schema behind.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export const MIGRATION_LOCK_FILE = "migration_lock.toml";
const MIGRATION_SCRIPT = "migration.sql";
const PROVIDER = "postgresql";
/** Prisma Migrate's advisory lock key: sharing it excludes `prisma migrate` running concurrently. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
const CHECKSUM_LENGTH = 64;

export interface MigrationFolder {
  /** Folder name, e.g. `20261123093000_init`; also the `migration_name` recorded. */
  name: string;
  script: string;
  checksum: string;
}

export interface ApplyMigrationsOptions {
  /** Default: `prisma/migrations` under the current working directory (the repository root). */
  migrationsDir?: string;
  /** How long to wait for another migrator to finish. Default 60 s (Prisma waits 10 s). */
  lockTimeoutMs?: number;
  log?: (line: string) => void;
}

export type MigrationErrorCode =
  "FAILED_MIGRATION_RECORDED" | "MIGRATION_EDITED" | "MIGRATION_FAILED" | "LOCK_TIMEOUT" | "INVALID_MIGRATIONS_FOLDER";

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma/migrations");
}

// ---------------------------------------------------------------------------------------------
// Pure parts: checksums, ordering, lock file

/**
 * Prisma's checksum: SHA-256 of the migration.sql bytes exactly as stored, as 64 lowercase hex
 * digits. Computed on the raw bytes (a BOM or CRLF line endings are part of them).
 */
export function migrationChecksum(script: string | Uint8Array): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Whether a migration file still matches the checksum recorded when it was applied, by Prisma's
 * rule: git may have converted line endings since, so the script also matches with CRLF turned
 * into LF and with LF turned into CRLF. Checksums written by old Prisma versions dropped the
 * leading zero of each byte (prisma-engines#1887); those are compared in that format.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")];
  const format = recorded.length === CHECKSUM_LENGTH || recorded === "" ? hex : unpaddedHex;
  return variants.some((variant) => format(sha256(variant)) === recorded);
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function hex(bytes: Buffer): string {
  return bytes.toString("hex");
}

function unpaddedHex(bytes: Buffer): string {
  return [...bytes].map((byte) => byte.toString(16)).join("");
}

/** Prisma applies folders in byte order of their names; the timestamp prefix makes that time order. */
export function compareMigrationNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `provider` in migration_lock.toml, or undefined when the file does not name one. */
export function parseLockfileProvider(content: string): string | undefined {
  return /^\s*provider\s*=\s*"([^"]*)"/m.exec(content)?.[1];
}

// ---------------------------------------------------------------------------------------------
// Reading the migrations folder

export async function listMigrations(migrationsDir: string): Promise<MigrationFolder[]> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    throw new MigrationError("INVALID_MIGRATIONS_FOLDER", `cannot read ${migrationsDir}: ${String(error)}`);
  });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  names.sort(compareMigrationNames);
  return Promise.all(names.map((name) => readMigration(migrationsDir, name)));
}

async function readMigration(migrationsDir: string, name: string): Promise<MigrationFolder> {
  const file = path.join(migrationsDir, name, MIGRATION_SCRIPT);
  const bytes = await fs.readFile(file).catch(() => {
    throw new MigrationError("INVALID_MIGRATIONS_FOLDER", `migration folder ${name} has no ${MIGRATION_SCRIPT}`);
  });
  return { name, script: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
}

async function checkLockfile(migrationsDir: string): Promise<void> {
  const content = await fs.readFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), "utf8").catch(() => undefined);
  const provider = content === undefined ? undefined : parseLockfileProvider(content);
  if (provider !== undefined && provider !== PROVIDER) {
    throw new MigrationError(
      "INVALID_MIGRATIONS_FOLDER",
      `${MIGRATION_LOCK_FILE} says provider "${provider}", but these migrations are applied to ${PROVIDER}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Applying

interface MigrationRecord {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

/** Applies every migration folder not yet recorded as applied, in order. */
export async function applyMigrations(
  databaseUrl: string,
  opts: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const log = opts.log ?? (() => {});
  await checkLockfile(migrationsDir);
  const folders = await listMigrations(migrationsDir);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000);
    await ensureMigrationsTable(client);
    const records = await readRecords(client);
    refuseFailed(records);
    refuseEdited(records, folders);
    const done = new Set(records.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
    const applied: string[] = [];
    for (const folder of folders.filter((f) => !done.has(f.name))) {
      log(`applying ${folder.name}`);
      await applyOne(client, folder);
      applied.push(folder.name);
    }
    log(applied.length ? `applied ${applied.length} migration(s)` : "no pending migrations");
    return { applied };
  } finally {
    // Closing the session releases the advisory lock too; unlocking first frees waiters sooner.
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function acquireLock(client: pg.Client, timeoutMs: number): Promise<void> {
  // lock_timeout bounds the wait for the advisory lock; reset so migrations run without it.
  await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") {
      throw new MigrationError(
        "LOCK_TIMEOUT",
        `another migration (ours or \`prisma migrate\`) held the migration lock for more than ${timeoutMs} ms`,
      );
    }
    throw error;
  }
  await client.query("RESET lock_timeout");
}

/** Prisma's DDL for the table, verbatim, so its CLI sees its own table. */
async function ensureMigrationsTable(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS _prisma_migrations (
        id                      VARCHAR(36) PRIMARY KEY NOT NULL,
        checksum                VARCHAR(64) NOT NULL,
        finished_at             TIMESTAMPTZ,
        migration_name          VARCHAR(255) NOT NULL,
        logs                    TEXT,
        rolled_back_at          TIMESTAMPTZ,
        started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
        applied_steps_count     INTEGER NOT NULL DEFAULT 0
    )`);
}

async function readRecords(client: pg.Client): Promise<MigrationRecord[]> {
  const result = await client.query<MigrationRecord>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, started_at, logs
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

function refuseFailed(records: MigrationRecord[]): void {
  const failed = records.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length === 0) return;
  const details = failed
    .map((r) => `- ${r.migration_name} (started ${r.started_at.toISOString()})${r.logs ? `:\n  ${r.logs.trim()}` : ""}`)
    .join("\n");
  throw new MigrationError(
    "FAILED_MIGRATION_RECORDED",
    `the database records failed migration(s); no further migration is applied until they are resolved:\n${details}\n` +
      "Check the database, then mark each one rolled back — `prisma migrate resolve --rolled-back <name>`, or\n" +
      "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL;",
  );
}

function refuseEdited(records: MigrationRecord[], folders: MigrationFolder[]): void {
  const byName = new Map(folders.map((f) => [f.name, f]));
  const edited = records.filter((r) => {
    const folder = byName.get(r.migration_name);
    return r.finished_at !== null && r.rolled_back_at === null && folder && !checksumMatches(folder.script, r.checksum);
  });
  if (edited.length === 0) return;
  throw new MigrationError(
    "MIGRATION_EDITED",
    `migration(s) already applied to this database were edited since: ${edited.map((r) => r.migration_name).join(", ")}.\n` +
      "Applied migrations are history: restore the file (git checkout) and put the change in a new migration " +
      "(npm run db:new-migration -- <name>).",
  );
}

async function applyOne(client: pg.Client, folder: MigrationFolder): Promise<void> {
  const id = randomUUID();
  // Recorded outside the transaction, as Prisma does: if the process dies mid-way, the row stays
  // unfinished and blocks later runs until someone looks.
  await client.query(
    "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())",
    [id, folder.checksum, folder.name],
  );
  try {
    await client.query("BEGIN");
    await client.query(folder.script); // no parameters: simple protocol, many statements allowed
    await client.query(
      "UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const logs = describeDatabaseError(error);
    await client.query("UPDATE _prisma_migrations SET logs = $2 WHERE id = $1", [id, logs]).catch(() => {});
    throw new MigrationError(
      "MIGRATION_FAILED",
      `migration ${folder.name} failed and was rolled back:\n${logs}\n` +
        "It is recorded as failed; after fixing it, mark it rolled back (see the message of the next run).",
      { cause: error },
    );
  }
}

function describeDatabaseError(error: unknown): string {
  const e = error as { code?: string; message?: string; position?: string; detail?: string };
  return [
    e.code ? `Database error code: ${e.code}` : undefined,
    `Database error: ${e.message ?? String(error)}`,
    e.detail ? `Detail: ${e.detail}` : undefined,
    e.position ? `Position in migration.sql: character ${e.position}` : undefined,
  ]
    .filter(Boolean)
    .join("\n");
}
