/**
 * Sends due webhook notifications (server/alerts/webhook-delivery.ts) every few seconds, only in
 * the process whose lag sampler leads, so that a notification goes out from one replica.
 * A round still sending when the next is due is not overlapped.
 */
import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import { deliverDue } from "@/server/alerts/webhook-delivery";
import { errorField, type Logger } from "@/lib/log/logger";

export function startWebhookDelivery(options: {
  db: PrismaClient;
  secret: string | undefined;
  everyMs: number;
  isLeader(): boolean;
  logger: Logger;
}): { stop(): void } {
  let delivering = false;
  const deliveries = setInterval(() => {
    if (delivering || !options.isLeader()) return;
    delivering = true;
    deliverDue(options.db, { secret: options.secret })
      .catch((error: unknown) =>
        options.logger.warn({ err: errorField(error) }, `webhook delivery failed: ${errorField(error).message}`),
      )
      .finally(() => (delivering = false));
  }, options.everyMs);
  deliveries.unref();
  return { stop: () => clearInterval(deliveries) };
}
