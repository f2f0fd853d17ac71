import net from "node:net";
import { z } from "zod";
import { peerAddressHeader } from "@/server/http/peer-address";

/**
 * Which hops in front of the console are our own reverse proxies. Only an X-Forwarded-For entry
 * written by one of them is believed; by default none is, and the client is the connection's peer.
 */
export type ProxyTrust = {
  /** this many hops nearest the console (the connection's peer first) are trusted proxies */
  hops: number;
  /** addresses and CIDR ranges of trusted proxies, wherever they appear in the chain */
  proxies: net.BlockList;
};

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** An address as written in a header or by the socket, without port, brackets or IPv4-in-IPv6 form; null if it is none. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (/^::ffff:[\d.]+$/i.test(value)) value = value.slice(7);
  return net.isIP(value) ? value.toLowerCase() : null;
}

function isListed(address: string, proxies: net.BlockList): boolean {
  return proxies.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

/**
 * The client's address by the rightmost-untrusted-hop rule: start at the connection's peer and
 * step left through X-Forwarded-For while the current hop is a trusted proxy (it wrote the entry to
 * its left); the first hop that is not is the client. Entries further left were written by the
 * client itself and are never believed. Returns "unknown" when the peer is unknown or a trusted
 * proxy vouches for something that is not an address. `viaTrustedProxy`: the peer is a trusted
 * proxy, so other headers it sets (X-Request-Id) may be believed too.
 */
export function resolveClientAddress(
  chain: { forwardedFor?: string; peer?: string },
  trust: ProxyTrust,
): { address: string; viaTrustedProxy: boolean } {
  const peer = chain.peer === undefined ? null : normalizeAddress(chain.peer);
  if (!peer) return { address: "unknown", viaTrustedProxy: false };
  const hops = [...(chain.forwardedFor ?? "").split(",").filter((e) => e.trim() !== ""), peer];
  const trusted = (index: number, address: string) =>
    hops.length - 1 - index < trust.hops || isListed(address, trust.proxies);
  let index = hops.length - 1;
  let address: string | null = peer;
  while (index > 0 && address && trusted(index, address)) {
    index -= 1;
    address = normalizeAddress(hops[index]!);
  }
  return { address: address ?? "unknown", viaTrustedProxy: trusted(hops.length - 1, peer) };
}

const trustEnv = z.object({
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(|false|true|\d{1,2})$/,
      "TRUST_PROXY must be false, true (one proxy) or the number of proxies in front of the console",
    )
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "false" ? 0 : v === "true" ? 1 : Number(v))),
  SYNCDECK_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const proxies = new net.BlockList();
      for (const entry of (v ?? "")
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean)) {
        const [base = "", prefix] = entry.split("/");
        const address = normalizeAddress(base);
        const family = address && net.isIPv6(address) ? "ipv6" : "ipv4";
        const bits = prefix === undefined ? undefined : Number(prefix);
        if (
          !address ||
          (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === "ipv6" ? 128 : 32)))
        ) {
          ctx.addIssue({
            code: "custom",
            message: `SYNCDECK_TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an address or CIDR range`,
          });
          return z.NEVER;
        }
        if (bits === undefined) proxies.addAddress(address, family);
        else proxies.addSubnet(address, bits, family);
      }
      return proxies;
    }),
});

/** Each variable's own schema, for the configuration catalogue (server/config/catalogue.ts). */
export const proxyTrustShape = trustEnv.shape;

/** Reads TRUST_PROXY and SYNCDECK_TRUSTED_PROXIES; both unset trusts no proxy. Throws on a malformed value. */
export function proxyTrustFromEnv(env: Record<string, string | undefined> = process.env): ProxyTrust {
  const parsed = trustEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "proxy settings are invalid");
  return { hops: parsed.data.TRUST_PROXY, proxies: parsed.data.SYNCDECK_TRUSTED_PROXIES };
}

let fromEnv: ProxyTrust | undefined;

/** The client as seen through this request's headers (see resolveClientAddress and peer-address.ts). */
export function describeClient(
  headers: HeaderBag,
  trust: ProxyTrust = (fromEnv ??= proxyTrustFromEnv()),
): { address: string; viaTrustedProxy: boolean } {
  const peerHeader = peerAddressHeader();
  const peer = peerHeader ? header(headers, peerHeader) : undefined;
  const resolved = resolveClientAddress({ forwardedFor: header(headers, "x-forwarded-for"), peer }, trust);
  return { ...resolved, address: resolved.address.slice(0, 64) };
}

/** The client's address for throttling and audit. */
export function clientAddress(headers: HeaderBag, trust?: ProxyTrust): string {
  return describeClient(headers, trust).address;
}
