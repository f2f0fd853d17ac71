import "server-only";
import { getPrisma } from "@/server/db/client";
import { processLogger } from "@/lib/log/logger";
import { listMigrations } from "@/server/db/migrate";
import { getSharedAdmin } from "@/lib/kafka/client";
import { withTimeout } from "@/server/lib/with-timeout";
import { failureReason, migrationsVerdict, readiness, type CheckName, type CheckResult } from "./readiness-decision";

const CHECK_TIMEOUT_MS = 3_000;

/**
 * Is this console able to serve: database reachable, its schema at least as new as this build's
 * migrations, Kafka reachable. Each check is bounded by a timeout and they run together.
 * The migrations folder is SYNCDECK_MIGRATIONS_DIR (set by `syncdeck console` and the image), else
 * prisma/migrations under the working directory.
 */
export async function checkReadiness(env: NodeJS.ProcessEnv = process.env) {
  const checks = await Promise.all([
    timed("database", async () => {
      await getPrisma().$queryRaw`SELECT 1`;
      return { ok: true, reason: "reachable" };
    }),
    timed("migrations", async () => {
      const folders = (await listMigrations(env.SYNCDECK_MIGRATIONS_DIR || `${process.cwd()}/prisma/migrations`)).map(
        (m) => m.name,
      );
      const rows = await getPrisma().$queryRaw<Array<{ name: string; finished: boolean }>>`
        SELECT migration_name AS name, (finished_at IS NOT NULL) AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL`;
      return migrationsVerdict(folders, rows);
    }),
    timed("kafka", async () => {
      const cluster = await (await getSharedAdmin()).describeCluster();
      return { ok: true, reason: `${cluster.brokers.length} broker(s) reachable` };
    }),
  ]);
  return readiness(checks);
}

async function timed(name: CheckName, check: () => Promise<{ ok: boolean; reason: string }>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const result = await withTimeout(check(), CHECK_TIMEOUT_MS, name);
    return { name, ...result, ms: Math.round(performance.now() - started) };
  } catch (error) {
    processLogger().warn({ check: name, err: error }, `readiness: the ${name} check failed`);
    return { name, ok: false, reason: failureReason(error), ms: Math.round(performance.now() - started) };
  }
}
