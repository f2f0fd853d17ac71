import { describe, expect, it } from "vitest";
import { createSessionCache, sessionKey } from "./session-cache";

describe("sessionKey", () => {
  it("is the session cookies and the bearer header, nothing else", () => {
    const a = sessionKey(
      [
        { name: "theme", value: "dark" },
        { name: "next-auth.session-token", value: "abc" },
      ],
      null,
    );
    expect(a).toBe("next-auth.session-token=abc|");
    expect(sessionKey([{ name: "next-auth.session-token", value: "abc" }], null)).toBe(a);
    expect(sessionKey([{ name: "next-auth.session-token", value: "abd" }], null)).not.toBe(a);
    expect(sessionKey([], "Bearer xyz")).toBe("|Bearer xyz");
  });

  it("keeps chunked cookies apart and in a stable order", () => {
    const chunks = [
      { name: "next-auth.session-token.1", value: "b" },
      { name: "next-auth.session-token.0", value: "a" },
    ];
    expect(sessionKey(chunks, null)).toBe(sessionKey([...chunks].reverse(), null));
    expect(sessionKey(chunks, null)).toBe("next-auth.session-token.0=a; next-auth.session-token.1=b|");
  });

  it("is null without any credentials", () => {
    expect(sessionKey([{ name: "theme", value: "dark" }], null)).toBeNull();
  });
});

describe("createSessionCache", () => {
  it("answers for the ttl, then forgets", () => {
    const cache = createSessionCache(5_000);
    cache.set("k", "u1", undefined, 1_000);
    expect(cache.get("k", 5_999)).toBe("u1");
    expect(cache.get("k", 6_000)).toBeUndefined();
    expect(cache.get("other", 1_000)).toBeUndefined();
  });

  it("never outlives the token's own expiry", () => {
    const cache = createSessionCache(5_000);
    cache.set("k", "u1", 3_000, 1_000);
    expect(cache.get("k", 2_999)).toBe("u1");
    expect(cache.get("k", 3_000)).toBeUndefined();
    cache.set("expired", "u2", 1_000, 1_000);
    expect(cache.get("expired", 1_000)).toBeUndefined();
  });

  it("forgets a deleted entry at once", () => {
    const cache = createSessionCache(5_000);
    cache.set("k", "u1", undefined, 0);
    cache.delete("k");
    expect(cache.get("k", 1)).toBeUndefined();
  });

  it("drops the oldest entry beyond its size", () => {
    const cache = createSessionCache(5_000, 2);
    cache.set("a", "ua", undefined, 0);
    cache.set("b", "ub", undefined, 0);
    cache.set("c", "uc", undefined, 0);
    expect([cache.get("a", 1), cache.get("b", 1), cache.get("c", 1)]).toEqual([undefined, "ub", "uc"]);
  });
});
