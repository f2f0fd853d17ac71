type HeaderBag = Record<string, string | string[] | undefined> | Headers;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address for throttling and audit. Behind a proxy only the first X-Forwarded-For hop
 * is the client; set TRUST_PROXY=false when the console is reachable directly, so the header
 * (which any client can send) is ignored.
 */
export function clientAddress(headers: HeaderBag, trustProxy = process.env.TRUST_PROXY !== "false"): string {
  const forwarded = trustProxy ? header(headers, "x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const address = forwarded || header(headers, "x-real-ip") || "unknown";
  return address.slice(0, 64);
}
