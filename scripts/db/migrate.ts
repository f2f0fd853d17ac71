/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (see server/db/migrate.ts).
 * Equivalent to `prisma migrate deploy`, which needs Prisma's native engine.
 */
import { z } from "zod";
import { applyMigrations, MigrationError } from "../../server/db/migrate";

const env = z
  .object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL") })
  .safeParse(process.env);

async function main(): Promise<void> {
  if (!env.success) {
    console.error(`db:migrate: DATABASE_URL ${env.error.issues[0]?.message ?? "is invalid"}`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const { applied } = await applyMigrations(env.data.DATABASE_URL, { log: (line) => console.log(`db:migrate: ${line}`) });
  console.log(`db:migrate: done in ${Date.now() - started} ms (${applied.length} applied)`);
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof MigrationError ? error.message : String(error)}`);
  if (!(error instanceof MigrationError)) console.error(error);
  process.exitCode = 1;
});
