/**
 * Registers (or updates) a connector, riding out a worker that is still rebalancing (409) or slow
 * to validate on a busy host (503): Connect's PUT is idempotent, so trying again is safe.
 */
import { AppError } from "../errors";
import type { ConnectClient } from "./connect-client";

const ATTEMPTS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function putConnectorWithRetry(connect: ConnectClient, name: string, config: Record<string, string>, attempts = ATTEMPTS): Promise<{ created: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { created } = await connect.putConnectorConfig(name, config);
      return { created };
    } catch (error) {
      const retriable = error instanceof AppError && (error.code === "CONFLICT" || error.code === "UNAVAILABLE");
      if (!retriable || attempt >= attempts) throw error;
      await sleep(500 * attempt);
    }
  }
}
