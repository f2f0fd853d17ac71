import { describe, expect, it } from "vitest";
import { blockedRange, decideWebhookTarget, EMPTY_ALLOW_LIST, parseWebhookAllowList } from "./webhook-address";

describe("blockedRange", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["::1", "a loopback address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["10.1.2.3", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.10.1", "a private address"],
    ["169.254.169.254", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["fd00::1", "a unique-local address"],
    ["fc12::1", "a unique-local address"],
    ["0.0.0.0", "a 'this network' address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.254", "a carrier-grade NAT address"],
    ["224.0.0.1", "a multicast address"],
    ["ff02::1", "a multicast address"],
    ["255.255.255.255", "a reserved address"],
    ["::", "the unspecified address"],
    ["::ffff:10.0.0.1", "a private address"],
  ])("classifies %s as %s", (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });

  it.each(["93.184.216.34", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111", "8.8.8.8"])(
    "lets the public address %s through",
    (address) => {
      expect(blockedRange(address)).toBeNull();
    },
  );

  it("refuses what is not an address", () => {
    expect(blockedRange("localhost")).toBe("not an IP address");
  });
});

describe("parseWebhookAllowList", () => {
  it("reads host names, addresses and CIDR ranges", () => {
    const allow = parseWebhookAllowList("Hooks.Internal, 10.20.0.0/16 127.0.0.1,fd00::/8");
    expect([...allow.hosts]).toEqual(["hooks.internal"]);
    expect(allow.addresses.check("10.20.3.4", "ipv4")).toBe(true);
    expect(allow.addresses.check("10.21.0.1", "ipv4")).toBe(false);
    expect(allow.addresses.check("127.0.0.1", "ipv4")).toBe(true);
    expect(allow.addresses.check("127.0.0.2", "ipv4")).toBe(false);
    expect(allow.addresses.check("fd12::1", "ipv6")).toBe(true);
  });

  it("is empty when unset", () => {
    expect(parseWebhookAllowList(undefined).hosts.size).toBe(0);
  });

  it.each(["10.0.0.0/33", "10.0.0.0/x", "hooks/8", "10.0.0.0/8/1"])("refuses the malformed range %s", (entry) => {
    expect(() => parseWebhookAllowList(entry)).toThrow(/is not a CIDR range/);
  });
});

describe("decideWebhookTarget", () => {
  it("lets a public host be reached at any of its addresses, in order", () => {
    expect(decideWebhookTarget("hooks.example.com", ["93.184.216.34", "2606:4700::1111"], EMPTY_ALLOW_LIST)).toEqual({
      allowed: true,
      addresses: [
        { address: "93.184.216.34", family: 4 },
        { address: "2606:4700::1111", family: 6 },
      ],
    });
  });

  it("refuses a host when any of its addresses is private", () => {
    const decision = decideWebhookTarget("rebind.example.com", ["93.184.216.34", "169.254.169.254"], EMPTY_ALLOW_LIST);
    expect(decision).toEqual({
      allowed: false,
      reason: expect.stringContaining("rebind.example.com (169.254.169.254) is a link-local address") as string,
    });
  });

  it("refuses loopback unless the address or the host is allow-listed", () => {
    expect(decideWebhookTarget("127.0.0.1", ["127.0.0.1"], EMPTY_ALLOW_LIST)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("SYNCDECK_WEBHOOK_ALLOW") as string,
    });
    expect(decideWebhookTarget("127.0.0.1", ["127.0.0.1"], parseWebhookAllowList("127.0.0.1"))).toEqual({
      allowed: true,
      addresses: [{ address: "127.0.0.1", family: 4 }],
    });
    expect(decideWebhookTarget("localhost", ["::1", "127.0.0.1"], parseWebhookAllowList("LOCALHOST"))).toEqual({
      allowed: true,
      addresses: [
        { address: "::1", family: 6 },
        { address: "127.0.0.1", family: 4 },
      ],
    });
    expect(decideWebhookTarget("localhost", ["::1", "127.0.0.1"], parseWebhookAllowList("127.0.0.1"))).toMatchObject({
      allowed: false,
    });
  });

  it("refuses a host that resolves to nothing", () => {
    expect(decideWebhookTarget("nowhere.example", [], EMPTY_ALLOW_LIST)).toMatchObject({ allowed: false });
  });
});
