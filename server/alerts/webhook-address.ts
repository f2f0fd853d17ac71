/**
 * Which addresses an alert webhook may reach. A rule's URL is typed by any alert manager, and the
 * console sits inside the platform's network: without this check a webhook could probe loopback
 * services, cloud metadata (169.254.169.254) or private hosts. Pure; the allow list is injected.
 */
import net from "node:net";

type Family = "ipv4" | "ipv6";

/** Ranges no webhook reaches unless allow-listed; IPv4-mapped IPv6 addresses match their IPv4 rule. */
const BLOCKED_RANGES: Array<{ name: string; network: string; prefix: number; family: Family }> = [
  { name: "a 'this network' address", network: "0.0.0.0", prefix: 8, family: "ipv4" },
  { name: "a private address", network: "10.0.0.0", prefix: 8, family: "ipv4" },
  { name: "a carrier-grade NAT address", network: "100.64.0.0", prefix: 10, family: "ipv4" },
  { name: "a loopback address", network: "127.0.0.0", prefix: 8, family: "ipv4" },
  { name: "a link-local address", network: "169.254.0.0", prefix: 16, family: "ipv4" },
  { name: "a private address", network: "172.16.0.0", prefix: 12, family: "ipv4" },
  { name: "a private address", network: "192.168.0.0", prefix: 16, family: "ipv4" },
  { name: "a multicast address", network: "224.0.0.0", prefix: 4, family: "ipv4" },
  { name: "a reserved address", network: "240.0.0.0", prefix: 4, family: "ipv4" },
  { name: "the unspecified address", network: "::", prefix: 128, family: "ipv6" },
  { name: "a loopback address", network: "::1", prefix: 128, family: "ipv6" },
  { name: "a unique-local address", network: "fc00::", prefix: 7, family: "ipv6" },
  { name: "a link-local address", network: "fe80::", prefix: 10, family: "ipv6" },
  { name: "a multicast address", network: "ff00::", prefix: 8, family: "ipv6" },
];

const blocked = BLOCKED_RANGES.map((range) => {
  const list = new net.BlockList();
  list.addSubnet(range.network, range.prefix, range.family);
  return { name: range.name, list };
});

function familyOf(address: string): Family | null {
  const version = net.isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : null;
}

/** The kind of non-public range an IP address is in (e.g. "a loopback address"), or null when public. */
export function blockedRange(address: string): string | null {
  const family = familyOf(address);
  if (!family) return "not an IP address";
  return blocked.find((range) => range.list.check(address, family))?.name ?? null;
}

export interface WebhookAllowList {
  /** Host names allowed whatever they resolve to (lower case). */
  hosts: ReadonlySet<string>;
  /** Addresses and CIDR ranges allowed even when private. */
  addresses: net.BlockList;
}

export const EMPTY_ALLOW_LIST: WebhookAllowList = { hosts: new Set(), addresses: new net.BlockList() };

/**
 * Parses SYNCDECK_WEBHOOK_ALLOW: comma- or space-separated host names, IP addresses and CIDR
 * ranges (`hooks.internal, 10.20.0.0/16, 127.0.0.1`). Throws on a malformed CIDR, so a typo does
 * not silently allow or refuse something else.
 */
export function parseWebhookAllowList(value: string | undefined): WebhookAllowList {
  const hosts = new Set<string>();
  const addresses = new net.BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefixText, extra] = entry.split("/");
    const family = familyOf(address!);
    if (prefixText !== undefined || extra !== undefined) {
      const prefix = Number(prefixText);
      const max = family === "ipv4" ? 32 : 128;
      if (!family || extra !== undefined || !/^\d+$/.test(prefixText ?? "") || prefix > max) {
        throw new Error(`SYNCDECK_WEBHOOK_ALLOW: "${entry}" is not a CIDR range`);
      }
      addresses.addSubnet(address!, prefix, family);
    } else if (family) {
      addresses.addAddress(address!, family);
    } else {
      hosts.add(entry.toLowerCase());
    }
  }
  return { hosts, addresses };
}

export type CheckedAddress = { address: string; family: 4 | 6 };

export type WebhookTargetDecision = { allowed: true; addresses: CheckedAddress[] } | { allowed: false; reason: string };

/**
 * Whether a webhook host, resolved to `addresses`, may be called, and at which address. Every
 * address must pass (a name resolving to one public and one private address is refused: which one
 * a connection uses is not ours to choose); a connection may then use any of them, in order.
 */
export function decideWebhookTarget(
  host: string,
  addresses: readonly string[],
  allow: WebhookAllowList,
): WebhookTargetDecision {
  if (addresses.length === 0) return { allowed: false, reason: `${host} does not resolve to any address` };
  const checked = addresses.map((address): CheckedAddress => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  if (allow.hosts.has(host.toLowerCase())) return { allowed: true, addresses: checked };
  for (const address of addresses) {
    const range = blockedRange(address);
    if (range && !allow.addresses.check(address, familyOf(address) ?? "ipv4")) {
      const via = address === host ? address : `${host} (${address})`;
      return {
        allowed: false,
        reason: `${via} is ${range}; webhooks reach it only when SYNCDECK_WEBHOOK_ALLOW lists it`,
      };
    }
  }
  return { allowed: true, addresses: checked };
}
