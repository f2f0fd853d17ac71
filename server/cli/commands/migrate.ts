import { databaseUrlFromEnv } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { seed } from "@/server/db/seed";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { packagePath } from "../package-root";
import { withDatabase } from "../database";

export const MIGRATE_HELP = `syncdeck migrate

Applies pending database migrations to DATABASE_URL (the same prisma/migrations folders that
\`prisma migrate deploy\` applies) and writes the permission catalog and the default roles.
Safe to run again and from several replicas at once (an advisory lock serialises them).

Environment: DATABASE_URL (required).`;

export async function migrate(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("migrate", argv, {});
  if (values.help) return out(MIGRATE_HELP);
  const url = configuredDatabaseUrl("migrate");
  const { applied } = await applyMigrations(url, { migrationsDir: packagePath("prisma/migrations"), log: (line) => out(`migrate: ${line}`) });
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
