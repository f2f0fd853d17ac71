/**
 * A node-postgres client for a source database that never sends a password in clear text: when
 * the server answers the startup with AuthenticationCleartextPassword (pg_hba `password`, or
 * anything pretending to be Postgres), the connection is closed before the password message is
 * written, and `connect()` fails saying why. MD5 and SCRAM, which never put the password itself on
 * the wire, work as before.
 *
 * How: the client's Connection emits `authenticationCleartextPassword` and the client answers with
 * `connection.password(...)`. A listener added before `connect()` runs before the client's own, so
 * it marks the connection; the instance's `password` method then refuses for a marked one.
 */
import type { EventEmitter } from "node:events";
import pg from "pg";

export type SourceTarget = string | pg.ClientConfig;

type PgConnection = EventEmitter & { password(value: string): void; stream?: { destroy(): void } };

export const CLEARTEXT_REFUSED =
  "the source server asked for the password in clear text (pg_hba method `password`); it was not sent — use scram-sha-256";

/** Makes `client` refuse clear-text password authentication; call before `connect()`. */
export function refuseCleartextPassword(client: pg.Client): pg.Client {
  const connection = (client as unknown as { connection: PgConnection }).connection;
  let cleartextAsked = false;
  connection.on("authenticationCleartextPassword", () => {
    cleartextAsked = true;
  });
  const send = connection.password.bind(connection);
  connection.password = (value: string) => {
    if (!cleartextAsked) return send(value);
    connection.stream?.destroy();
    connection.emit("error", new Error(CLEARTEXT_REFUSED));
  };
  return client;
}

/** A client for `target` (a URL, or a config with TLS settings) that refuses clear-text passwords. */
export function sourceClient(target: SourceTarget, extra: pg.ClientConfig = {}): pg.Client {
  const config = typeof target === "string" ? { connectionString: target } : target;
  return refuseCleartextPassword(new pg.Client({ ...config, ...extra }));
}
