/**
 * Migrations against the real Postgres of the integration setup (DATABASE_URL). Every test works in
 * throwaway databases of that server, so none depends on another's state.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  deployWithPrismaEngine,
  diagnoseMigrationHistory,
  diffMigrationsToSchema,
} from "../../scripts/db/schema-engine";
import { disconnectPrisma, getPrisma } from "./client";
import { PrismaClient } from "./generated/client";
import { applyMigrations, defaultMigrationsDir, listMigrations, MigrationError, migrationChecksum } from "./migrate";

const serverUrl = process.env.DATABASE_URL!;
const migrationsDir = defaultMigrationsDir();
const schemaPath = path.resolve("prisma/schema.prisma");

function urlOf(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(database: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `it_migrate_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await onServer("postgres", (c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return urlOf(name);
}

const tempDirs: string[] = [];

/** A copy of the real migrations folder that a test may edit. */
function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-migrations-"));
  fs.cpSync(migrationsDir, dir, { recursive: true });
  tempDirs.push(dir);
  return dir;
}

function addMigration(dir: string, name: string, script: string): void {
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, name, "migration.sql"), script);
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await onServer("postgres", async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe("applyMigrations", () => {
  it("applies every migration to an empty database and records it as Prisma does", async () => {
    const url = await freshDatabase();
    const folders = await listMigrations(migrationsDir);
    expect(folders.length).toBeGreaterThan(0);

    const { applied } = await applyMigrations(url);

    expect(applied).toEqual(folders.map((f) => f.name));
    const rows = await onServer(
      new URL(url).pathname.slice(1),
      async (c) => (await c.query("SELECT * FROM _prisma_migrations ORDER BY started_at")).rows,
    );
    expect(rows).toHaveLength(folders.length);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({
        migration_name: folders[i]!.name,
        checksum: migrationChecksum(fs.readFileSync(path.join(migrationsDir, folders[i]!.name, "migration.sql"))),
        applied_steps_count: 1,
        rolled_back_at: null,
        logs: null,
      });
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
    });
  });

  it("applies nothing the second time", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    expect(await applyMigrations(url)).toEqual({ applied: [] });
  });

  it("applies only the new migration when one is added", async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    addMigration(dir, "29990101000000_add_probe", 'CREATE TABLE "probe" ("id" INTEGER PRIMARY KEY);\n');
    expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ applied: ["29990101000000_add_probe"] });
  });

  it("refuses to run when an applied migration was edited, but tolerates converted line endings", async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    const [first] = await listMigrations(dir);
    const file = path.join(dir, first!.name, "migration.sql");

    fs.writeFileSync(file, first!.script.replaceAll("\n", "\r\n")); // what git autocrlf does
    expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ applied: [] });

    fs.writeFileSync(file, `${first!.script}\n-- an innocent-looking edit\n`);
    const refusal = applyMigrations(url, { migrationsDir: dir });
    await expect(refusal).rejects.toThrow(MigrationError);
    await expect(refusal).rejects.toMatchObject({ code: "MIGRATION_EDITED" });
    await expect(refusal).rejects.toThrow(new RegExp(`were edited since: ${first!.name}`));
  });

  it("rolls a failing migration back, records it, and refuses further runs until it is resolved", async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    addMigration(dir, "29990101000000_broken", 'CREATE TABLE "half" ("id" INTEGER);\nSELECT no_such_function();\n');

    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toMatchObject({ code: "MIGRATION_FAILED" });
    const database = new URL(url).pathname.slice(1);
    const state = await onServer(database, async (c) => ({
      half: (await c.query("SELECT to_regclass('half') AS t")).rows[0].t,
      record: (
        await c.query("SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'")
      ).rows[0],
    }));
    expect(state.half).toBeNull(); // the transaction took the CREATE TABLE back with it
    expect(state.record.finished_at).toBeNull();
    expect(state.record.logs).toMatch(/no_such_function/);

    // Fixing the file is not enough: someone must acknowledge the failure, as with Prisma (P3009).
    fs.writeFileSync(path.join(dir, "29990101000000_broken", "migration.sql"), 'CREATE TABLE "half" ("id" INTEGER);\n');
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toMatchObject({
      code: "FAILED_MIGRATION_RECORDED",
      message: expect.stringContaining("prisma migrate resolve --rolled-back"),
    });

    await onServer(database, (c) =>
      c.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL"),
    );
    expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ applied: ["29990101000000_broken"] });
  });

  it("never double-applies when two processes migrate at once", async () => {
    const url = await freshDatabase();
    const folders = await listMigrations(migrationsDir);

    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);

    // One run did everything, the other waited for the lock and found nothing left to do.
    expect([...a.applied, ...b.applied].sort()).toEqual(folders.map((f) => f.name));
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    const count = await onServer(new URL(url).pathname.slice(1), async (c) =>
      Number((await c.query("SELECT count(*) FROM _prisma_migrations")).rows[0].count),
    );
    expect(count).toBe(folders.length);
  });
});

describe("the migrated schema", () => {
  it("keeps audit_events append-only: UPDATE, DELETE and TRUNCATE are rejected", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    await onServer(new URL(url).pathname.slice(1), async (c) => {
      await c.query(
        `INSERT INTO audit_events (actor_email, actor_role, action, target, request_id, source_address)
         VALUES ('ops@example.com', 'ops', 'tenant.approve', 'tenant:acme', 'req-1', '127.0.0.1')`,
      );
      await expect(c.query("UPDATE audit_events SET action = 'tenant.decline'")).rejects.toThrow(
        /audit_events is append-only: UPDATE is not allowed/,
      );
      await expect(c.query("DELETE FROM audit_events")).rejects.toThrow(/append-only: DELETE is not allowed/);
      await expect(c.query("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
      const rows = (await c.query("SELECT action FROM audit_events")).rows;
      expect(rows).toEqual([{ action: "tenant.approve" }]);
    });
  });

  it("lets the generated Prisma client write and read a row of every model (no schema/migration drift)", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const tenant = await prisma.tenant.create({ data: { slug: "acme", name: "Acme Health", partitions: 6 } });
      await prisma.role.create({ data: { name: "ops", description: "Operations" } });
      await prisma.permission.create({ data: { key: "lag.read", description: "Read consumer lag" } });
      await prisma.rolePermission.create({ data: { roleName: "ops", permissionKey: "lag.read" } });
      const user = await prisma.user.create({
        data: { email: "ops@example.com", name: "Olga Ops", passwordHash: "$2b$10$hash", globalRoleName: "ops" },
      });
      await prisma.membership.create({ data: { userId: user.id, tenantId: tenant.id, roleName: "ops" } });
      const attempt = await prisma.loginAttempt.create({
        data: { account: user.email, address: "127.0.0.1", succeeded: true },
      });
      const event = await prisma.auditEvent.create({
        data: {
          actorId: user.id,
          actorEmail: user.email,
          actorRole: "ops",
          tenantId: tenant.id,
          action: "tenant.scale",
          target: "tenant:acme",
          before: { partitions: 3 },
          after: { partitions: 6 },
          requestId: "req-42",
          sourceAddress: "127.0.0.1",
        },
      });

      expect(await prisma.tenant.findUniqueOrThrow({ where: { slug: "acme" } })).toMatchObject({
        status: "SUBMITTED",
        partitions: 6,
        lagSloSeconds: 60,
      });
      const role = await prisma.role.findUniqueOrThrow({
        where: { name: "ops" },
        include: { permissions: true, globalUsers: true },
      });
      expect(role.permissions).toEqual([{ roleName: "ops", permissionKey: "lag.read" }]);
      expect(role.globalUsers.map((u) => u.email)).toEqual(["ops@example.com"]);
      // migrations themselves add permissions that arrive with a feature (reconcile.run); this one was written here
      expect(await prisma.permission.count({ where: { key: "lag.read" } })).toBe(1);
      const member = await prisma.membership.findUniqueOrThrow({
        where: { userId_tenantId: { userId: user.id, tenantId: tenant.id } },
        include: { tenant: true, user: true },
      });
      expect(member.tenant.slug).toBe("acme");
      expect(member.user.disabled).toBe(false);
      expect(typeof attempt.id).toBe("bigint");
      expect(await prisma.loginAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject({
        succeeded: true,
      });
      expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
        before: { partitions: 3 },
        after: { partitions: 6 },
      });
    } finally {
      await prisma.$disconnect();
    }
  });

  it("is reachable through getPrisma() with DATABASE_URL", async () => {
    try {
      const [row] = await getPrisma().$queryRaw<
        Array<{ migrations: bigint }>
      >`SELECT count(*) AS migrations FROM _prisma_migrations`;
      expect(Number(row!.migrations)).toBe((await listMigrations(migrationsDir)).length);
      expect(getPrisma()).toBe(getPrisma());
    } finally {
      await disconnectPrisma();
    }
  });
});

describe("migrations and prisma/schema.prisma (Prisma's schema engine, WebAssembly build)", () => {
  it("agree: replaying the migrations yields exactly the schema's tables (drift check)", async () => {
    expect(await diffMigrationsToSchema({ serverUrl, migrationsDir, schemaPath })).toBe("");
    const shadows = await onServer(
      "postgres",
      async (c) => (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'")).rows,
    );
    expect(shadows).toEqual([]); // the scratch database the migrations were replayed in is gone
  });

  it("report the SQL still missing when the schema moves on", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-schema-"));
    tempDirs.push(dir);
    const changed = path.join(dir, "schema.prisma");
    const schema = fs.readFileSync(schemaPath, "utf8");
    fs.writeFileSync(changed, schema.replace(/(model Tenant \{\n)/, "$1  region String? @db.VarChar(40)\n"));

    const sql = await diffMigrationsToSchema({ serverUrl, migrationsDir, schemaPath: changed });

    expect(sql).toMatch(/ALTER TABLE "tenants" ADD COLUMN\s+"region" VARCHAR\(40\)/);
  });
});

describe("compatibility with Prisma Migrate (its own engine code, WebAssembly build)", () => {
  it("Prisma reads the history we record as complete and untouched", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);

    expect(await diagnoseMigrationHistory(url, migrationsDir)).toMatchObject({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
    expect(await deployWithPrismaEngine(url, migrationsDir)).toEqual([]);
  });

  it("we accept a history recorded by `prisma migrate deploy`", async () => {
    const url = await freshDatabase();
    const folders = await listMigrations(migrationsDir);

    expect(await deployWithPrismaEngine(url, migrationsDir)).toEqual(folders.map((f) => f.name));
    expect(await applyMigrations(url)).toEqual({ applied: [] });
  });

  it("Prisma sees an applied migration edited after the fact, as we do", async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    await applyMigrations(url, { migrationsDir: dir });
    const [first] = await listMigrations(dir);
    fs.appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited\n");

    expect((await diagnoseMigrationHistory(url, dir)).editedMigrationNames).toEqual([first!.name]);
  });
});
