import "server-only";
import { databaseUrlFromEnv } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { seed } from "@/server/db/seed";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { checkConfiguration } from "../configuration";
import { packagePath } from "../package-root";
import { withDatabase } from "../database";

export const MIGRATE_HELP = `syncdeck migrate

Applies pending database migrations (the same prisma/migrations folders that
\`prisma migrate deploy\` applies) as the schema's owner, and writes the permission catalog and
the default roles. Safe to run again and from several replicas at once (an advisory lock
serialises them). The migrations create the role syncdeck_app, which the console's own login
should be a member of: row access, no schema changes, the audit log insert/read only.

Environment: MIGRATION_DATABASE_URL (the owner; default DATABASE_URL), DATABASE_URL.`;

export async function migrate(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("migrate", argv, {});
  if (values.help) return out(MIGRATE_HELP);
  if (process.env.MIGRATION_DATABASE_URL) process.env.DATABASE_URL = process.env.MIGRATION_DATABASE_URL;
  const url = configuredDatabaseUrl("migrate");
  checkConfiguration("migrate", "cli", process.env);
  const { applied } = await applyMigrations(url, {
    migrationsDir: packagePath("prisma/migrations"),
    log: (line) => out(`migrate: ${line}`),
  });
  await withDatabase((db) => seed(db, { demo: false }));
  out(`migrate: ${applied.length} migration(s) applied; roles and permissions written`);
}

/** DATABASE_URL, validated before any work starts; a CliError (exit 2) naming the command otherwise. */
export function configuredDatabaseUrl(command: string): string {
  try {
    return databaseUrlFromEnv();
  } catch (error) {
    throw new CliError(`${command}: ${(error as Error).message}`);
  }
}
