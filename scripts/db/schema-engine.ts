/**
 * Drives Prisma's schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`), so
 * migrations can be *created* on machines where Prisma's native engine cannot be downloaded.
 * (Applying them needs no engine: server/db/migrate.ts.)
 *
 * Version: no @prisma/schema-engine-wasm was published for the engines of prisma 7.10.1
 * (d1b3f377…); 8.1.0-2.59be4fda… is the next build, and it reports the same engine commit
 * (59be4fda…) as the schema_engine_bg.wasm that prisma 7.10.1 itself ships in its build folder.
 *
 * The engine talks to Postgres through a driver adapter. Two gaps in `@prisma/adapter-pg` 7.10
 * are bridged here, both only for this development tool:
 * - result columns of Postgres' internal `"char"` type (oid 18, e.g. `pg_class.relkind`, which the
 *   engine's schema describer reads) are rejected as unsupported: they are passed through as text
 *   and reported to the engine as `Character` columns;
 * - `executeScript` splits scripts on every `;`, which breaks function bodies (`$$ … ; … $$`) such
 *   as the audit trigger, and runs the pieces on whichever pool connection is free: scripts run
 *   as one simple-protocol query instead, as Prisma's native engine does.
 *
 * The engine cannot create a shadow database itself; the adapter factory below creates a scratch
 * database in the given server for each request and drops it afterwards.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { DiagnoseMigrationHistoryOutput, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { listMigrations, MIGRATION_LOCK_FILE, type MigrationFolder } from "../../server/db/migrate";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type EngineGlue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let glue: Promise<EngineGlue> | undefined;
let lastPanic: string | undefined;

/**
 * The package's entry point imports the .wasm file as a module, which only bundlers understand;
 * in Node we instantiate it ourselves with the generated JavaScript glue.
 */
function loadEngineGlue(): Promise<EngineGlue> {
  return (glue ??= (async () => {
    // Imported by absolute file URL: a bare specifier fails when tsx runs this file as CommonJS
    // inside an ES module graph.
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import(pathToFileURL(gluePath).href)) as EngineGlue;
    const bytes = fs.readFileSync(gluePath.replace(/\.js$/, ".wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    // Without a registry the engine's Rust panics surface as a bare "unreachable".
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        lastPanic = message;
        // A panic may surface as an uncaught "RuntimeError: unreachable" outside any await of ours.
        console.error(`Prisma schema engine (wasm) panicked: ${message}`);
      },
    };
    return bindings;
  })());
}

// ---------------------------------------------------------------------------------------------
// Driver adapter

type QueryResultLike = { fields?: Array<{ dataTypeID: number }>; rows?: unknown[] };

/** Result rows → indexes of their `"char"` columns; read back by the adapter's `queryRaw`. */
const charColumnsByRows = new WeakMap<object, number[]>();

/**
 * adapter-pg rejects `"char"` columns (it maps no oid to its `Character` column type), yet the
 * engine's describer reads them as characters. The pool presents them as text so adapter-pg
 * accepts them, and remembers where they were so `queryRaw` can report them as `Character`.
 */
function relabelCharColumns<T>(result: T): T {
  const { fields, rows } = (result ?? {}) as QueryResultLike;
  const charColumns: number[] = [];
  fields?.forEach((field, index) => {
    if (field.dataTypeID !== PG_CHAR_OID) return;
    field.dataTypeID = PG_TEXT_OID;
    charColumns.push(index);
  });
  if (charColumns.length && rows) charColumnsByRows.set(rows, charColumns);
  return result;
}

function createPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const callbackAt = args.findIndex((arg) => typeof arg === "function");
      if (callbackAt >= 0) {
        const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
        args[callbackAt] = (error: unknown, result: unknown) => callback(error, relabelCharColumns(result));
        return query(...args);
      }
      const pending = query(...args);
      return pending instanceof Promise ? pending.then(relabelCharColumns) : pending;
    };
  });
  return pool;
}

async function connectAdapter(pool: pg.Pool, onDispose: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(pool).connect();
  let disposed: Promise<void> | undefined;
  const overrides: Partial<SqlDriverAdapter> = {
    queryRaw: async (query) => {
      const result = await adapter.queryRaw(query);
      for (const index of charColumnsByRows.get(result.rows) ?? [])
        result.columnTypes[index] = ColumnTypeEnum.Character;
      return result;
    },
    executeScript: async (script: string) => {
      await pool.query(script);
    },
    // Idempotent: the engine may dispose an adapter, and withEngine disposes whatever it did not.
    dispose: () =>
      (disposed ??= (async () => {
        await adapter.dispose();
        await pool.end();
        await onDispose();
      })()),
  };
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property in overrides) return overrides[property as keyof SqlDriverAdapter];
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface TrackedAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every connection handed out. The engine does not: its main connection would keep the
   * migration advisory lock until the pool's idle timeout. Drops leftover shadow databases. */
  disposeAll(): Promise<void>;
}

/** Main connection to `databaseUrl`; every shadow database is a fresh scratch database on its server. */
function createAdapterFactory(databaseUrl: string): TrackedAdapterFactory {
  const adapters: SqlDriverAdapter[] = [];
  const track = async (pending: Promise<SqlDriverAdapter>) => {
    const adapter = await pending;
    adapters.push(adapter);
    return adapter;
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => track(connectAdapter(createPool(databaseUrl), async () => {})),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
      return track(
        connectAdapter(createPool(withDatabase(databaseUrl, name)), () =>
          adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        ),
      );
    },
    disposeAll: async () => {
      await Promise.all(adapters.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Engine

async function withEngine<T>(
  databaseUrl: string,
  schema: string | undefined,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const bindings = await loadEngineGlue();
  const adapters = createAdapterFactory(databaseUrl);
  const factory = bindMigrationAwareSqlAdapterFactory(adapters);
  lastPanic = undefined;
  let engine: SchemaEngine | undefined;
  try {
    const datamodels: [string, string][] | undefined = schema === undefined ? undefined : [["schema.prisma", schema]];
    engine = await bindings.SchemaEngine.new({ datamodels }, () => {}, factory);
    return await run(engine);
  } catch (error) {
    const panic = lastPanic ? `\nEngine panic: ${lastPanic}` : "";
    throw new Error(`Prisma schema engine (wasm) failed: ${errorMessage(error)}${panic}`, { cause: error });
  } finally {
    engine?.free();
    await adapters.disposeAll();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function migrationList(migrationsDir: string, folders: MigrationFolder[]): MigrationList {
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: MIGRATION_LOCK_FILE,
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((folder) => ({
      path: folder.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: folder.script } },
    })),
  };
}

export interface SchemaDiffOptions {
  /** A Postgres server where scratch (shadow) databases may be created and dropped. */
  serverUrl: string;
  migrationsDir: string;
  schemaPath: string;
}

/**
 * SQL that takes a database built from the migrations to the state schema.prisma describes;
 * empty string when they agree (no drift). Replays the migrations into a scratch database.
 */
export async function diffMigrationsToSchema(opts: SchemaDiffOptions): Promise<string> {
  const schema = fs.readFileSync(opts.schemaPath, "utf8");
  const folders = await listMigrations(opts.migrationsDir);
  return withEngine(opts.serverUrl, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationList(opts.migrationsDir, folders) },
      to: { tag: "schemaDatamodel", files: [{ path: opts.schemaPath, content: schema }] },
      script: true,
      exitCode: true, // 2 = the diff is not empty
      filters: NO_FILTERS,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  });
}

// ---------------------------------------------------------------------------------------------
// Cross-checks of server/db/migrate.ts against Prisma's own migration code (used by the tests)

/** Prisma's view of a database's migration history (`prisma migrate status` / `migrate dev`). */
export async function diagnoseMigrationHistory(
  databaseUrl: string,
  migrationsDir: string,
): Promise<DiagnoseMigrationHistoryOutput> {
  const folders = await listMigrations(migrationsDir);
  return withEngine(databaseUrl, undefined, (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: migrationList(migrationsDir, folders),
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    }),
  );
}

/** What `prisma migrate deploy` does, run by Prisma's engine: names of the migrations it applied. */
export async function deployWithPrismaEngine(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const folders = await listMigrations(migrationsDir);
  return withEngine(databaseUrl, undefined, async (engine) => {
    const output = await engine.applyMigrations({
      migrationsList: migrationList(migrationsDir, folders),
      filters: NO_FILTERS,
    });
    return output.appliedMigrationNames;
  });
}
