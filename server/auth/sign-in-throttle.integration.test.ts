/**
 * Sign-in throttling against real Postgres, in a throwaway database with the demo users: a burst of
 * parallel wrong passwords is throttled after the free attempts (the attempts are counted under a
 * lock, not read before and written after the check), over a real socket the burst is keyed on the
 * connection's address whatever X-Forwarded-For claims, the owner still signs in from another
 * address, and every refusal is audited without the password.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/auth/demo-users";
import { getPrisma } from "@/server/db/client";
import { stampPeerAddress } from "@/server/http/peer-address";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { verifyCredentials } from "./credentials";
import { DEFAULT_THROTTLE } from "./login-throttle";
import { authorizeCredentials, THROTTLED_LOGIN } from "./options";

withThrowawayDatabase("it_sign_in", { demo: true });

const PARALLEL = 12;
const burstAt = new Date();
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;

function tally(results: Array<{ ok: boolean; reason?: string }>) {
  return {
    throttled: results.filter((r) => !r.ok && r.reason === "throttled").length,
    checked: results.filter((r) => !r.ok && r.reason === "invalid").length,
  };
}

describe("sign-in throttling", () => {
  it("throttles a burst of parallel wrong passwords from one address after the free attempts", async () => {
    const ops = user("ops");
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        verifyCredentials({ email: ops.email, password: `wrong-${i}` }, "198.51.100.7", undefined, burstAt),
      ),
    );
    const { throttled, checked } = tally(results);
    expect(checked + throttled).toBe(PARALLEL);
    expect(checked).toBeLessThanOrEqual(DEFAULT_THROTTLE.freeFailures);
    expect(throttled).toBeGreaterThanOrEqual(PARALLEL - DEFAULT_THROTTLE.freeFailures);
  });

  it("lets the owner sign in from another address while the guessing address is backed off", async () => {
    const ops = user("ops");
    const aSecondLater = new Date(burstAt.getTime() + 1_000);
    const fromAttacker = await verifyCredentials(
      { email: ops.email, password: ops.password },
      "198.51.100.7",
      undefined,
      aSecondLater,
    );
    expect(fromAttacker).toMatchObject({ ok: false, reason: "throttled" });
    const fromOwner = await verifyCredentials(
      { email: ops.email, password: ops.password },
      "203.0.113.20",
      undefined,
      aSecondLater,
    );
    expect(fromOwner).toMatchObject({ ok: true, user: { email: ops.email } });
  });

  it("audits every refusal with the email tried, the address and the reason, never the password", async () => {
    const viewer = user("viewer");
    await verifyCredentials({ email: viewer.email, password: "a-wrong-password" }, "192.0.2.44", "it-wrong-password");
    await verifyCredentials(
      { email: "nobody@example.test", password: "a-wrong-password" },
      "192.0.2.44",
      "it-unknown-user",
    );
    const events = await getPrisma().auditEvent.findMany({
      where: { action: "auth.sign_in_failed" },
      orderBy: { id: "asc" },
    });
    expect(events.find((e) => e.requestId === "it-wrong-password")).toMatchObject({
      actorId: null,
      actorEmail: viewer.email,
      target: `user:${viewer.email}`,
      sourceAddress: "192.0.2.44",
      after: { provider: "credentials", reason: "wrong-password" },
    });
    expect(events.find((e) => e.requestId === "it-unknown-user")).toMatchObject({ after: { reason: "unknown-user" } });
    const throttled = events.filter((e) => (e.after as { reason?: string }).reason === "throttled");
    expect(throttled.length).toBeGreaterThanOrEqual(PARALLEL - DEFAULT_THROTTLE.freeFailures);
    expect(throttled[0]).toMatchObject({ sourceAddress: "198.51.100.7", actorEmail: user("ops").email });
    const stored = JSON.stringify(events.map((e) => ({ ...e, id: String(e.id) })));
    expect(stored).not.toContain("a-wrong-password");
    expect(stored).not.toContain("wrong-0");
  });

  describe("over a real connection", () => {
    let server: http.Server;
    let url: string;

    beforeAll(async () => {
      stampPeerAddress();
      server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          authorizeCredentials(JSON.parse(body), req.headers).then(
            () => res.writeHead(200).end("signed in"),
            (error: Error) => res.writeHead(401).end(error.message),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("keys the burst on the connection's address, whatever X-Forwarded-For each request claims", async () => {
      const product = user("product");
      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, async (_, i) => {
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${100 + i}` },
            body: JSON.stringify({ email: product.email, password: `wrong-${i}` }),
          });
          return response.text();
        }),
      );
      expect(answers.filter((a) => a === THROTTLED_LOGIN).length).toBeGreaterThanOrEqual(
        PARALLEL - DEFAULT_THROTTLE.freeFailures,
      );
      const recorded = await getPrisma().auditEvent.findMany({
        where: { action: "auth.sign_in_failed", actorEmail: product.email },
      });
      expect(new Set(recorded.map((e) => e.sourceAddress))).toEqual(new Set(["127.0.0.1"]));
    });
  });
});
