import type pg from "pg";

/** Connects `client`, runs `work` with it and ends it, whether `work` succeeds or throws. */
export async function withConnection<T>(client: pg.Client, work: (client: pg.Client) => Promise<T>): Promise<T> {
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
