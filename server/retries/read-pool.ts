/**
 * A small pg pool for the DLQ list queries. The page query is the hot path (every open DLQ page
 * polls it); plain pg skips the ORM's per-row decoding, which measured several times the query's
 * own time. Kept on globalThis like the Prisma client, so dev reloads do not leak pools.
 */
import "server-only";
import pg from "pg";
import { databaseUrlFromEnv } from "@/server/db/client";

const holder = globalThis as typeof globalThis & { __syncdeckDlqPool?: pg.Pool };

export function getDlqReadPool(): pg.Pool {
  if (!holder.__syncdeckDlqPool) {
    const pool = new pg.Pool({ connectionString: databaseUrlFromEnv(), max: 4 });
    pool.on("error", () => undefined); // an idle client dropped by the server is replaced on next use
    holder.__syncdeckDlqPool = pool;
  }
  return holder.__syncdeckDlqPool;
}

export async function closeDlqReadPool(): Promise<void> {
  const pool = holder.__syncdeckDlqPool;
  holder.__syncdeckDlqPool = undefined;
  await pool?.end();
}
