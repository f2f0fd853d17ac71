import "server-only";
import { createHmac } from "node:crypto";
import type { PrismaClient } from "@/server/db/generated/client";
import type { WebhookAllowList } from "./webhook-address";
import { postPinned, resolveWebhookTarget, webhookAllowListFromEnv } from "./webhook-egress";
import { backoffMs } from "@/lib/backoff";

/**
 * Sends due webhook notifications from the outbox (alert_deliveries): a 2xx answer marks a row
 * delivered; anything else is retried with growing delays, and after MAX_ATTEMPTS the row keeps
 * its last error and is not tried again. With SYNCDECK_WEBHOOK_SECRET set, each request carries
 * `X-SyncDeck-Signature: sha256=<HMAC of the body>` so the receiver can check where it came from.
 * Each attempt re-checks the URL's addresses against the allow list (./webhook-egress.ts): DNS
 * may have changed since the rule was saved.
 */
export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5_000;

/** Delay after the n-th failed attempt: 5 s, 10 s, 20 s … capped at 10 min. */
export const retryDelayMs = (attempts: number) => backoffMs(attempts, { baseMs: 5_000, maxMs: 600_000 });

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

async function post(
  url: string,
  body: string,
  secret: string | undefined,
  allow: WebhookAllowList,
): Promise<string | null> {
  try {
    const target = await resolveWebhookTarget(url, allow);
    if (!target.allowed) return `refused: ${target.reason}`;
    const headers = {
      "content-type": "application/json",
      "user-agent": "SyncDeck-Alerts/1",
      ...(secret ? { "x-syncdeck-signature": signature(body, secret) } : {}),
    };
    const status = await postPinned(url, target, headers, body, TIMEOUT_MS);
    return status >= 200 && status < 300 ? null : `HTTP ${status}`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return timedOut
      ? `no answer within ${TIMEOUT_MS / 1000} s`
      : (code ?? (error instanceof Error ? error.message : String(error)));
  }
}

export async function deliverDue(
  db: PrismaClient,
  options: { now?: Date; secret?: string; limit?: number; allow?: WebhookAllowList } = {},
): Promise<{ delivered: number; failed: number }> {
  const now = options.now ?? new Date();
  const allow = options.allow ?? webhookAllowListFromEnv();
  const due = await db.alertDelivery.findMany({
    where: { deliveredAt: null, nextAttemptAt: { lte: now } },
    orderBy: { id: "asc" },
    take: options.limit ?? 20,
  });
  let delivered = 0;
  let failed = 0;
  for (const row of due) {
    const error = await post(row.url, JSON.stringify(row.payload), options.secret, allow);
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
