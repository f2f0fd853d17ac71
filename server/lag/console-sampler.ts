import { getPrisma } from "@/server/db/client";
import { configValue } from "@/server/config/value";
import { getSharedAdmin, retryRetriable } from "@/lib/kafka/client";
import { evaluateAlerts, newAlertMemory } from "@/server/alerts/evaluate-alerts";
import { deliverDue } from "@/server/alerts/webhook-delivery";
import { errorField, processLogger } from "@/lib/log/logger";
import { startLagSampler } from "./sampler";

async function readEndOffsets(topic: string): Promise<Map<number, number> | null> {
  try {
    const admin = await getSharedAdmin();
    const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  } catch (error) {
    if ((error as { type?: string }).type === "UNKNOWN_TOPIC_OR_PARTITION") return null;
    throw error;
  }
}

/**
 * The lag sampler of a console or worker process (one of them leads, see ./sampler.ts). The
 * leader also evaluates alert rules after each sample and sends due webhook notifications.
 * Started through server/workers/registry.ts, which checks the configuration first.
 */
export function startConsoleLagSampler(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const db = getPrisma();
  const logger = processLogger().child({ worker: "lag" });
  const alertMemory = newAlertMemory();
  const intervalMs = configValue("SYNCDECK_LAG_INTERVAL_MS", env);
  const sampler = startLagSampler({
    databaseUrl: env.DATABASE_URL!,
    db,
    getAdmin: () => getSharedAdmin(),
    intervalMs,
    log: (line, level = "info") => logger[level](line),
    afterSample: async (sample) => {
      await evaluateAlerts(db, alertMemory, sample, { consoleUrl: env.NEXTAUTH_URL, readEndOffsets: (topic) => readEndOffsets(topic) });
    },
  });
  let delivering = false;
  const deliveries = setInterval(() => {
    if (delivering || !sampler.isLeader()) return;
    delivering = true;
    deliverDue(db, { secret: env.SYNCDECK_WEBHOOK_SECRET })
      .catch((error: unknown) => logger.warn({ err: errorField(error) }, `webhook delivery failed: ${errorField(error).message}`))
      .finally(() => (delivering = false));
  }, Math.min(intervalMs, 5_000));
  deliveries.unref();
  return {
    async stop() {
      clearInterval(deliveries);
      await sampler.stop();
    },
  };
}
