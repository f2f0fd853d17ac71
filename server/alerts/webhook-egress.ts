/**
 * The one way an alert webhook leaves the console: the host is resolved, every address checked
 * (./webhook-address.ts), and the request connects to the checked address — not to whatever a
 * second lookup answers (DNS rebinding) — with the URL's own host name for the Host header and TLS
 * SNI/certificate check. Redirects are never followed: a 3xx is a failed delivery.
 */
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { AppError } from "@/server/errors";
import {
  decideWebhookTarget,
  parseWebhookAllowList,
  type CheckedAddress,
  type WebhookAllowList,
  type WebhookTargetDecision,
} from "./webhook-address";

export type ResolveHost = (host: string) => Promise<string[]>;

const resolveAll: ResolveHost = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export function webhookAllowListFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookAllowList {
  return parseWebhookAllowList(env.SYNCDECK_WEBHOOK_ALLOW);
}

/** URL host names of IPv6 literals keep their brackets; lookups and checks want them bare. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

export async function resolveWebhookTarget(
  url: string,
  allow: WebhookAllowList,
  resolve: ResolveHost = resolveAll,
): Promise<WebhookTargetDecision> {
  const host = bareHost(new URL(url));
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { allowed: false, reason: `${host} does not resolve${code ? ` (${code})` : ""}` };
  }
  return decideWebhookTarget(host, addresses, allow);
}

/** Refuses, as a 400, a webhook URL that delivery would refuse (checked when a rule is saved). */
export async function assertWebhookAllowed(
  url: string | null | undefined,
  allow: WebhookAllowList = webhookAllowListFromEnv(),
): Promise<void> {
  if (!url) return;
  const decision = await resolveWebhookTarget(url, allow);
  if (!decision.allowed) throw new AppError("BAD_REQUEST", `webhookUrl: ${decision.reason}`);
}

/** Posts `body` to `url`, connecting only to the checked addresses; resolves to the HTTP status. */
export function postPinned(
  url: string,
  target: { addresses: CheckedAddress[] },
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const parsed = new URL(url);
  // Node asks for every address when it tries them in turn (happy eyeballs), else for one: either
  // way the answer comes from the checked list, never from a second DNS query.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const [first] = target.addresses;
    if (options.all) callback(null, target.addresses);
    else callback(null, first!.address, first!.family);
  }) as unknown as LookupFunction;
  const client = parsed.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      parsed,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
