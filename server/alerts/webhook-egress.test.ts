import { describe, expect, it } from "vitest";
import { EMPTY_ALLOW_LIST, parseWebhookAllowList } from "./webhook-address";
import { resolveWebhookTarget, type ResolveHost } from "./webhook-egress";

const dnsOf =
  (answers: Record<string, string[]>): ResolveHost =>
  async (host) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found;
  };

describe("resolveWebhookTarget", () => {
  it("checks what the host name resolves to, not the name", async () => {
    const dns = dnsOf({ "hooks.example.com": ["93.184.216.34"], "metadata.example.com": ["169.254.169.254"] });
    expect(await resolveWebhookTarget("https://hooks.example.com/x", EMPTY_ALLOW_LIST, dns)).toEqual({
      allowed: true,
      addresses: [{ address: "93.184.216.34", family: 4 }],
    });
    expect(await resolveWebhookTarget("https://metadata.example.com/latest", EMPTY_ALLOW_LIST, dns)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("metadata.example.com (169.254.169.254) is a link-local address") as string,
    });
  });

  it("looks IPv6 literals up without their brackets", async () => {
    const asked: string[] = [];
    const dns: ResolveHost = async (host) => (asked.push(host), [host]);
    expect(await resolveWebhookTarget("http://[::1]:8080/hook", EMPTY_ALLOW_LIST, dns)).toMatchObject({
      allowed: false,
    });
    expect(await resolveWebhookTarget("http://[fd00::7]/hook", parseWebhookAllowList("fd00::/8"), dns)).toEqual({
      allowed: true,
      addresses: [{ address: "fd00::7", family: 6 }],
    });
    expect(asked).toEqual(["::1", "fd00::7"]);
  });

  it("refuses a host that does not resolve, saying so", async () => {
    expect(await resolveWebhookTarget("https://nowhere.example/x", EMPTY_ALLOW_LIST, dnsOf({}))).toEqual({
      allowed: false,
      reason: "nowhere.example does not resolve (ENOTFOUND)",
    });
  });
});
