/**
 * The tenant pages of the built console answer a real HTTP 404 — not a streamed 200 with the
 * not-found view inside — for a tenant that does not exist, one the viewer does not see, and a
 * malformed slug; a tenant the viewer sees still answers 200. The demo viewer sees acme-health and
 * northwind-rx, not globex-care.
 */
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole, consoleBuildIsStale, startConsole, type RunningConsole } from "../../scripts/stack/console";
import { freePort } from "../../scripts/stack/net";
import { withThrowawayDatabase } from "../../test/integration/throwaway-database";
import { startUserSession } from "../auth/user-sessions";
import { getPrisma } from "../db/client";

const SECRET = "a-test-secret-that-is-long-enough-1234";
const TENANT_PAGES = (slug: string) => [
  `/health/${slug}`,
  `/flow/${slug}`,
  `/retries/${slug}`,
  `/retries/${slug}/dlq`,
  `/lookup/${slug}/M-000001`,
  `/tenants/${slug}`,
];

withThrowawayDatabase("it_tenant_pages", { demo: true });

let consoleServer: RunningConsole | undefined;
let origin: string;
let viewerCookie: string;

beforeAll(async () => {
  if (consoleBuildIsStale()) buildConsole();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  consoleServer = await startConsole({
    port,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      DATABASE_URL: process.env.DATABASE_URL,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: origin,
    },
    log: () => {},
  });
  const viewer = await getPrisma().user.findUniqueOrThrow({ where: { email: "viewer@syncdeck.local" } });
  const sid = await startUserSession(viewer.id, { sourceAddress: "127.0.0.1", userAgent: "it-tenant-pages" });
  viewerCookie = `next-auth.session-token=${await encode({ token: { uid: viewer.id, sid, email: viewer.email }, secret: SECRET })}`;
}, 420_000);

afterAll(async () => {
  await consoleServer?.stop();
});

/** A browser's user agent: Next.js renders differently for crawlers, and people use browsers. */
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const statusOf = async (path: string) =>
  (await fetch(`${origin}${path}`, { headers: { cookie: viewerCookie, "user-agent": BROWSER }, redirect: "manual" }))
    .status;

describe("tenant pages", () => {
  it("answer 200 for a tenant the viewer sees", async () => {
    for (const path of TENANT_PAGES("acme-health").filter((p) => !p.startsWith("/lookup"))) {
      expect(await statusOf(path), path).toBe(200);
    }
  });

  for (const [label, slug] of [
    ["missing", "no-such-tenant"],
    ["unseen", "globex-care"],
    ["malformed", "Not_A_Slug"],
  ] as const) {
    it(`answer 404 for a ${label} tenant`, async () => {
      const statuses = Object.fromEntries(
        await Promise.all(TENANT_PAGES(slug).map(async (path) => [path, await statusOf(path)] as const)),
      );
      expect(statuses).toEqual(Object.fromEntries(TENANT_PAGES(slug).map((path) => [path, 404])));
    });
  }
});
