import { randomBytes } from "node:crypto";
import http from "node:http";

/**
 * The connection's peer address, made visible to route handlers. Next.js hands App Router handlers
 * a Request without the socket, and fills X-Forwarded-For with the peer only when the client sent
 * none, so a client talking to the console directly could otherwise pose as any address. Once
 * installed (at server start, from instrumentation.ts), every incoming request carries its peer in a
 * header whose name is random per process: a client cannot guess it, so cannot forge it.
 */
const holder = globalThis as typeof globalThis & { __syncdeckPeerHeader?: string };

/** The header holding the peer address, or undefined when stamping is not installed in this process. */
export function peerAddressHeader(): string | undefined {
  return holder.__syncdeckPeerHeader;
}

export function stampPeerAddress(): void {
  if (holder.__syncdeckPeerHeader) return;
  const name = `x-syncdeck-peer-${randomBytes(12).toString("hex")}`;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function stampingEmit(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[name] = request.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
  holder.__syncdeckPeerHeader = name;
}
