/**
 * A source client never sends a password in clear text: against a real Postgres whose pg_hba says
 * `password`, and against a listener that records every byte it receives, the password is not
 * written; SCRAM (the platform's own server) still works.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type RunningPostgres } from "../../scripts/stack/postgres";
import { CLEARTEXT_REFUSED, sourceClient } from "./source-client";

let cleartextServer: RunningPostgres;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "it-cleartext-"));
  cleartextServer = await startPostgres({ dataDir: path.join(dir, "pg"), authMethod: "password" });
}, 120_000);

afterAll(async () => {
  await cleartextServer?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A "Postgres" that asks for a clear-text password (AuthenticationCleartextPassword) and records what it gets. */
async function recordingServer(): Promise<{ port: number; received: () => Buffer; close: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.once("data", () => socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])));
    socket.on("data", (chunk) => chunks.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => Buffer.concat(chunks),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("source client", () => {
  it("refuses a real Postgres that asks for the password in clear text, which a plain client would send", async () => {
    const plain = new pg.Client({ connectionString: cleartextServer.url });
    await plain.connect(); // the server really does take a clear-text password
    await plain.end();
    const client = sourceClient(cleartextServer.url);
    await expect(client.connect()).rejects.toThrow(CLEARTEXT_REFUSED);
  });

  it("writes no password to a server that asks for it in clear text", async () => {
    const server = await recordingServer();
    const secret = "only-for-the-real-source-7f3a";
    try {
      const client = sourceClient({
        host: "127.0.0.1",
        port: server.port,
        user: "cdc",
        database: "claims",
        password: secret,
      });
      await expect(client.connect()).rejects.toThrow(CLEARTEXT_REFUSED);
      await settle();
      const received = server.received();
      expect(received.toString("latin1")).toContain("cdc"); // the startup message arrived
      expect(received.includes(Buffer.from(secret))).toBe(false);
      expect(received.length).toBe(received.readInt32BE(0)); // the startup message and nothing after it

      // the same server gets the password from a plain client: the listener would have seen it
      const plain = new pg.Client({
        host: "127.0.0.1",
        port: server.port,
        user: "cdc",
        database: "claims",
        password: secret,
        connectionTimeoutMillis: 1_000,
      });
      plain.on("error", () => undefined);
      await plain.connect().catch(() => undefined);
      await settle();
      expect(server.received().includes(Buffer.from(secret))).toBe(true);
      await plain.end().catch(() => undefined);
    } finally {
      await server.close();
    }
  });

  it("still signs in with SCRAM", async () => {
    const client = sourceClient(process.env.DATABASE_URL!);
    await client.connect();
    expect((await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one).toBe(1);
    await client.end();
  });
});
