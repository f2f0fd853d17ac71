/**
 * Runs a stage's database work for one batch on a pooled connection, and while the database is
 * away (see transient.ts) holds the batch and tries again with backoff — keeping the group
 * session alive with heartbeats — instead of skipping it or letting kafkajs re-deliver it in a
 * loop. Returns `{ value }` once the work succeeded, or undefined when the consumer stops (or loses
 * the partition) meanwhile: the caller then resolves nothing, and the batch is read again by
 * whoever owns the partition next. Each attempt takes the tenant's database slot (ctx.dbSlot) for
 * its work only: never across the backoff, nor the produce and commit around the call.
 */
import type { EachBatchPayload } from "kafkajs";
import type pg from "pg";
import type { StageContext } from "./runner";
import { isTransientDbError, transientBackoffMs } from "./transient";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function holdThroughOutage<T>(
  ctx: Pick<StageContext, "pool" | "heartbeat" | "logger" | "dbSlot">,
  payload: Pick<EachBatchPayload, "isRunning" | "isStale" | "heartbeat">,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<{ value: T } | undefined> {
  for (let failures = 1; ; failures++) {
    try {
      const release = await ctx.dbSlot?.();
      try {
        return { value: await onClient(ctx.pool, work) };
      } finally {
        release?.();
      }
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      ctx.heartbeat.recordError(error);
      if (!payload.isRunning() || payload.isStale()) return undefined;
      ctx.logger.warn(
        { attempt: failures },
        `database unavailable (${(error as Error).message}); holding the batch, attempt ${failures}`,
      );
      await sleep(transientBackoffMs(failures));
      await payload.heartbeat();
    }
  }
}

async function onClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The server may drop the session between two statements; the next query fails anyway.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    return await work(client);
  } catch (error) {
    if (isTransientDbError(error)) broken = error as Error;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken); // with an error, the pool discards the connection instead of reusing it
  }
}
