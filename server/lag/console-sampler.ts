import { getPrisma } from "@/server/db/client";
import { getSharedAdmin } from "@/server/kafka/client";
import { startLagSampler } from "./sampler";

/**
 * The lag sampler inside each console replica (one of them leads, see ./sampler.ts).
 * SYNCDECK_LAG_SAMPLER=off disables it, e.g. when a separate process samples.
 */
export function startConsoleLagSampler(env: NodeJS.ProcessEnv = process.env): void {
  if (env.SYNCDECK_LAG_SAMPLER === "off" || !env.DATABASE_URL || !env.KAFKA_BROKERS) return;
  const sampler = startLagSampler({
    databaseUrl: env.DATABASE_URL,
    db: getPrisma(),
    getAdmin: () => getSharedAdmin(),
    intervalMs: Number(env.SYNCDECK_LAG_INTERVAL_MS ?? 5_000),
  });
  process.once("SIGTERM", () => void sampler.stop());
}
