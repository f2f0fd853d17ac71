/**
 * `npm run db:migrate`: applies pending migrations (see server/db/migrate.ts) as the schema's owner:
 * MIGRATION_DATABASE_URL, or DATABASE_URL when that is unset (one role for both). The console's own
 * DATABASE_URL should be a member of syncdeck_app, which cannot change the schema.
 * Equivalent to `prisma migrate deploy`, which needs Prisma's native engine.
 */
import { z } from "zod";
import { applyMigrations, MigrationError } from "../../server/db/migrate";

const env = z
  .object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL") })
  .safeParse({ DATABASE_URL: process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL });

async function main(): Promise<void> {
  if (!env.success) {
    console.error(
      `db:migrate: MIGRATION_DATABASE_URL (or DATABASE_URL) ${env.error.issues[0]?.message ?? "is invalid"}`,
    );
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const { applied } = await applyMigrations(env.data.DATABASE_URL, {
    log: (line) => console.log(`db:migrate: ${line}`),
  });
  console.log(`db:migrate: done in ${Date.now() - started} ms (${applied.length} applied)`);
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof MigrationError ? error.message : String(error)}`);
  if (!(error instanceof MigrationError)) console.error(error);
  process.exitCode = 1;
});
