import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const SECRET = "proxy-csp-test-secret";

const prefetchHeaders = {
  "RSC prefetch": { rsc: "1", "next-router-prefetch": "1" },
  "RSC navigation": { rsc: "1" },
  "browser prefetch": { purpose: "prefetch" },
  document: {},
} satisfies Record<string, Record<string, string>>;

describe("the proxy's CSP", () => {
  const secretBefore = process.env.NEXTAUTH_SECRET;
  afterEach(() => {
    if (secretBefore === undefined) delete process.env.NEXTAUTH_SECRET;
    else process.env.NEXTAUTH_SECRET = secretBefore;
  });

  it.each(Object.entries(prefetchHeaders))("runs for %s requests of a console page", (_kind, headers) => {
    expect(unstable_doesMiddlewareMatch({ config, url: "/lag", headers })).toBe(true);
  });

  it("stays off static assets, and leaves API routes to their own checks with no CSP or redirect", async () => {
    expect(unstable_doesMiddlewareMatch({ config, url: "/_next/static/chunks/app.js" })).toBe(false);
    expect(unstable_doesMiddlewareMatch({ config, url: "/api/tenants" })).toBe(true);
    const response = await proxy(new NextRequest("http://console.test/api/tenants"));
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-security-policy")).toBeNull();
  });

  it("answers 400 for an API path that is not valid percent-encoded UTF-8, before Next.js would fail on it", async () => {
    for (const path of ["/api/tenants/%FF", "/api/tenants/%C0%80/flow", "/api/auth/%G1"]) {
      const response = await proxy(new NextRequest(`http://console.test${path}`));
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.message).toBe("the path is not valid percent-encoded UTF-8");
    }
  });

  it("gives a signed-in RSC prefetch response the same policy as a document", async () => {
    process.env.NEXTAUTH_SECRET = SECRET;
    const token = await encode({ token: { sub: "user-1" }, secret: SECRET });
    const request = (headers: Record<string, string>) =>
      new NextRequest("http://console.test/lag", {
        headers: { ...headers, cookie: `next-auth.session-token=${token}` },
      });
    const prefetch = await proxy(request(prefetchHeaders["RSC prefetch"]));
    const document = await proxy(request({}));
    const policy = (response: Response) =>
      response.headers.get("content-security-policy")?.replace(/'nonce-[^']+'/, "'nonce-…'");
    expect(prefetch.headers.get("location")).toBeNull();
    expect(policy(prefetch)).toMatch(/script-src 'self' 'nonce-…'/);
    expect(policy(prefetch)).toBe(policy(document));
  });
});
