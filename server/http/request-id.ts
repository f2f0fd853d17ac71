import { randomUUID } from "node:crypto";

/** What an incoming request id may look like: no spaces, quotes, separators or formula starts. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

/**
 * The id that ties a request to its log lines and audit records. The server makes it; an
 * `X-Request-Id` is taken over only from one of our own reverse proxies (so one trace spans the
 * proxy and the console) and only in a strict shape. A client's own value is ignored: it could
 * otherwise plant misleading or colliding ids in the audit log.
 */
export function chooseRequestId(
  incoming: string | null | undefined,
  fromTrustedProxy: boolean,
  generate: () => string = randomUUID,
): string {
  if (fromTrustedProxy && incoming && REQUEST_ID.test(incoming)) return incoming;
  return generate();
}
