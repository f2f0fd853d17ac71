/**
 * Which database errors are worth waiting out with the batch held (nothing committed, nothing
 * skipped): the connection went away, the server is starting or shutting down, or a concurrency
 * conflict. Anything else (a bug, a constraint the validation missed) is not transient.
 */
import { backoffMs } from "@/lib/backoff";

const TRANSIENT_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const TRANSIENT_SQLSTATES = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up)
  "53300", // too_many_connections
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

export function isTransientDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    if (TRANSIENT_NODE_CODES.has(code) || TRANSIENT_SQLSTATES.has(code)) return true;
    if (code.startsWith("08")) return true; // connection_exception class
  }
  const message = error instanceof Error ? error.message : "";
  // node-postgres reports a dropped socket without a code
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** Backoff while the database is away: 200 ms doubling to 5 s. */
export function transientBackoffMs(failures: number): number {
  return backoffMs(failures, { baseMs: 200, maxMs: 5_000 });
}
