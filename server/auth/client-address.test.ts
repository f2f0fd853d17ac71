import { describe, expect, it } from "vitest";
import { normalizeAddress, proxyTrustFromEnv, resolveClientAddress } from "./client-address";

const none = proxyTrustFromEnv({});
const resolve = (forwardedFor: string | undefined, peer: string | undefined, trust = none) =>
  resolveClientAddress({ forwardedFor, peer }, trust).address;

describe("normalizeAddress", () => {
  it("strips ports, brackets and the IPv4-in-IPv6 form, and refuses what is not an address", () => {
    expect(normalizeAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(normalizeAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::1")).toBe("::1");
    for (const bad of ["unknown", "", "1.2.3", "evil.example.com", "<script>", "1.2.3.4, 5.6.7.8"])
      expect(normalizeAddress(bad)).toBeNull();
  });
});

describe("resolveClientAddress", () => {
  it("trusts no proxy by default: the client is the connection's peer, whatever X-Forwarded-For says", () => {
    expect(resolve(undefined, "198.51.100.4")).toBe("198.51.100.4");
    expect(resolve("6.6.6.6", "198.51.100.4")).toBe("198.51.100.4");
    expect(resolve("6.6.6.6, 10.0.0.2", "::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(resolveClientAddress({ forwardedFor: "6.6.6.6", peer: "198.51.100.4" }, none).viaTrustedProxy).toBe(false);
  });

  it("is unknown without a peer (the header stamping is not installed)", () => {
    expect(resolve("6.6.6.6", undefined)).toBe("unknown");
  });

  it("takes the entry a trusted proxy appended, not what the client put in front of it", () => {
    const trust = proxyTrustFromEnv({ SYNCDECK_TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.5" });
    expect(resolve("203.0.113.9", "10.1.2.3", trust)).toBe("203.0.113.9");
    expect(resolve("6.6.6.6, 203.0.113.9", "10.1.2.3", trust)).toBe("203.0.113.9");
    // Two of our proxies in a row: the load balancer (192.168.1.5) in front of the ingress (10.1.2.3).
    expect(resolve("6.6.6.6, 203.0.113.9, 192.168.1.5", "10.1.2.3", trust)).toBe("203.0.113.9");
    // A client claiming to be one of our proxies gains nothing: the hop right of it is still the client.
    expect(resolve("10.9.9.9", "203.0.113.9", trust)).toBe("203.0.113.9");
    expect(resolveClientAddress({ forwardedFor: "203.0.113.9", peer: "10.1.2.3" }, trust).viaTrustedProxy).toBe(true);
  });

  it("counts trusted hops from the peer when TRUST_PROXY names how many proxies there are", () => {
    const one = proxyTrustFromEnv({ TRUST_PROXY: "1" });
    expect(resolve("6.6.6.6, 203.0.113.9", "10.1.2.3", one)).toBe("203.0.113.9");
    const two = proxyTrustFromEnv({ TRUST_PROXY: "2" });
    expect(resolve("6.6.6.6, 203.0.113.9, 172.16.0.8", "10.1.2.3", two)).toBe("203.0.113.9");
    expect(proxyTrustFromEnv({ TRUST_PROXY: "true" }).hops).toBe(1);
    expect(proxyTrustFromEnv({ TRUST_PROXY: "false" }).hops).toBe(0);
  });

  it("stops at the leftmost entry and is unknown when a trusted hop vouches for garbage", () => {
    const one = proxyTrustFromEnv({ TRUST_PROXY: "1" });
    expect(resolve(undefined, "10.1.2.3", one)).toBe("10.1.2.3");
    expect(resolve("not-an-address", "10.1.2.3", one)).toBe("unknown");
  });
});

describe("proxyTrustFromEnv", () => {
  it("refuses malformed settings with a message naming them", () => {
    expect(() => proxyTrustFromEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
    expect(() => proxyTrustFromEnv({ SYNCDECK_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(
      /SYNCDECK_TRUSTED_PROXIES: "10.0.0.0\/33"/,
    );
    expect(() => proxyTrustFromEnv({ SYNCDECK_TRUSTED_PROXIES: "proxy.internal" })).toThrow(/SYNCDECK_TRUSTED_PROXIES/);
  });

  it("accepts IPv6 ranges", () => {
    const trust = proxyTrustFromEnv({ SYNCDECK_TRUSTED_PROXIES: "fd00::/8" });
    expect(resolve("2001:db8::7", "fd12::1", trust)).toBe("2001:db8::7");
  });
});
