import { createHmac } from "node:crypto";
import type { PrismaClient } from "@/server/db/generated/client";

/**
 * Sends due webhook notifications from the outbox (alert_deliveries): a 2xx answer marks a row
 * delivered; anything else is retried with growing delays, and after MAX_ATTEMPTS the row keeps
 * its last error and is not tried again. With SYNCDECK_WEBHOOK_SECRET set, each request carries
 * `X-SyncDeck-Signature: sha256=<HMAC of the body>` so the receiver can check where it came from.
 */
export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5_000;

/** Delay after the n-th failed attempt: 5 s, 10 s, 20 s … capped at 10 min. */
export const retryDelayMs = (attempts: number) => Math.min(5_000 * 2 ** (attempts - 1), 600_000);

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

async function post(url: string, body: string, secret: string | undefined): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "SyncDeck-Alerts/1", ...(secret ? { "x-syncdeck-signature": signature(body, secret) } : {}) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return error instanceof Error && error.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (cause ?? (error instanceof Error ? error.message : String(error)));
  }
}

export async function deliverDue(db: PrismaClient, options: { now?: Date; secret?: string; limit?: number } = {}): Promise<{ delivered: number; failed: number }> {
  const now = options.now ?? new Date();
  const due = await db.alertDelivery.findMany({
    where: { deliveredAt: null, nextAttemptAt: { lte: now } },
    orderBy: { id: "asc" },
    take: options.limit ?? 20,
  });
  let delivered = 0;
  let failed = 0;
  for (const row of due) {
    const error = await post(row.url, JSON.stringify(row.payload), options.secret);
    const attempts = row.attempts + 1;
    if (error === null) delivered += 1;
    else failed += 1;
    await db.alertDelivery.update({
      where: { id: row.id },
      data:
        error === null
          ? { attempts, deliveredAt: new Date(), nextAttemptAt: null, lastError: null }
          : {
              attempts,
              lastError: attempts >= MAX_ATTEMPTS ? `gave up after ${attempts} attempts: ${error}` : error,
              nextAttemptAt: attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + retryDelayMs(attempts)),
            },
    });
  }
  return { delivered, failed };
}
