/**
 * Registers (or updates) a connector, riding out a worker that is still rebalancing (409) or slow
 * to validate on a busy host (503): Connect's PUT is idempotent, so trying again is safe.
 */
import { retryWhile } from "@/lib/backoff";
import { AppError } from "../errors";
import type { ConnectClient } from "./connect-client";

const ATTEMPTS = 10;

export async function putConnectorWithRetry(
  connect: ConnectClient,
  name: string,
  config: Record<string, string>,
  attempts = ATTEMPTS,
): Promise<{ created: boolean }> {
  const { created } = await retryWhile(() => connect.putConnectorConfig(name, config), {
    attempts,
    isRetriable: (error) => error instanceof AppError && (error.code === "CONFLICT" || error.code === "UNAVAILABLE"),
    // Connect's rebalance settles in seconds: a wait growing by half a second per try.
    delayMs: (attempt) => 500 * attempt,
  });
  return { created };
}
