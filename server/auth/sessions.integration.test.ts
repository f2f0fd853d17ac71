/**
 * Server-side sessions against real Postgres: a session cookie is a real next-auth JWT carrying a
 * `user_sessions` id, read back the way every request reads it (viewer.ts). A copy of the cookie
 * must stop working once the session is ended — by sign-out, a new password, disabling, taking a
 * role away, an admin — or once it reaches its absolute end, however often it is used.
 */
import { randomUUID } from "node:crypto";
import { encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { createUser } from "@/server/admin/create-user";
import { updateUser } from "@/server/admin/update-user";
import { endSessionsByAdmin, listUserSessions } from "@/server/admin/user-sessions-admin";
import { authOptions } from "./options";
import { resolveSession, startUserSession } from "./user-sessions";
import { sessionUserId } from "./viewer";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
const HOUR = 60 * 60 * 1000;
const context = { requestId: "it-sessions", sourceAddress: "127.0.0.1" };
const actor: Viewer = {
  id: randomUUID(),
  email: "it-admin@example.test",
  name: "IT Admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};

withThrowawayDatabase("it_sessions", { demo: false });

type SignedIn = { token: JWT; cookie: string };

/** What next-auth does at sign-in: the jwt callback with the user, then the encrypted cookie. */
async function signIn(userId: string, email: string): Promise<SignedIn> {
  const jwt = authOptions.callbacks!.jwt! as (params: unknown) => Promise<JWT>;
  const token = await jwt({
    token: { email },
    user: { id: userId, email, sourceAddress: "10.1.2.3", userAgent: "it-browser/1.0" },
    account: { provider: "credentials" },
  });
  return { token, cookie: await encode({ token, secret: process.env.NEXTAUTH_SECRET! }) };
}

/** The user the console sees for a request that carries this cookie. */
function viewerOf(cookie: string, now?: number): Promise<string | null> {
  return sessionUserId({ cookies: [{ name: "next-auth.session-token", value: cookie }], headers: {} }, now);
}

/** What /api/auth/session does with the cookie: the jwt callback refreshes it, or throws and clears it. */
function refresh(token: JWT): Promise<JWT> {
  return (authOptions.callbacks!.jwt! as (params: unknown) => Promise<JWT>)({ token });
}

let userId: string;
const email = "olga@example.test";

beforeAll(async () => {
  await createUser(actor, context, {
    email: "keeper@example.test",
    name: "Keeper",
    password: "a-long-enough-password",
    globalRole: "admin",
  });
  const { user } = await createUser(actor, context, {
    email,
    name: "Olga",
    password: "a-long-enough-password",
    globalRole: "ops",
  });
  userId = user.id;
});

async function endReasonOf(token: JWT): Promise<string | null> {
  const row = await getPrisma().userSession.findUniqueOrThrow({ where: { id: token.sid! } });
  return row.endReason;
}

describe("server-side sessions", () => {
  it("records where a sign-in came from and resolves its cookie", async () => {
    const { token, cookie } = await signIn(userId, email);
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await viewerOf(cookie)).toBe(userId);
    const row = await getPrisma().userSession.findUniqueOrThrow({ where: { id: token.sid! } });
    expect(row).toMatchObject({ userId, sourceAddress: "10.1.2.3", userAgent: "it-browser/1.0", endedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * HOUR);
  });

  it("refuses a cookie copied before sign-out once the user signed out", async () => {
    const { token, cookie } = await signIn(userId, email);
    const copy = cookie;
    expect(await viewerOf(copy)).toBe(userId);
    await authOptions.events!.signOut!({ token, session: null as never });
    expect(await viewerOf(copy)).toBeNull();
    expect(await endReasonOf(token)).toBe("sign-out");
    await expect(refresh(token)).rejects.toThrow(/ended/);
  });

  it("refuses a token without a session id (issued before sessions were kept)", async () => {
    const legacy = await encode({ token: { uid: userId, email }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await viewerOf(legacy)).toBeNull();
  });

  it("ends every session of the user when an admin sets a new password", async () => {
    const [a, b] = [await signIn(userId, email), await signIn(userId, email)];
    const open = await getPrisma().userSession.count({ where: { userId, endedAt: null } });
    await updateUser(actor, context, userId, { password: "another-long-password" });
    expect([await viewerOf(a.cookie), await viewerOf(b.cookie)]).toEqual([null, null]);
    expect(await endReasonOf(a.token)).toBe("password-changed");
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "user.set_password" },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ sessionsEnded: open, sessionEndReason: "password-changed" });
  });

  it("ends the sessions of a disabled user, and re-enabling does not revive them", async () => {
    const { token, cookie } = await signIn(userId, email);
    await updateUser(actor, context, userId, { disabled: true });
    expect(await viewerOf(cookie)).toBeNull();
    expect(await endReasonOf(token)).toBe("disabled");
    await updateUser(actor, context, userId, { disabled: false });
    expect(await viewerOf(cookie)).toBeNull();
  });

  it("ends sessions when a role is taken away, not when one is added", async () => {
    const tenant = await getPrisma().tenant.findFirst({ select: { id: true } });
    const kept = await signIn(userId, email);
    await updateUser(actor, context, userId, { name: "Olga O." });
    expect(await viewerOf(kept.cookie)).toBe(userId);
    if (tenant) {
      await updateUser(actor, context, userId, { memberships: [{ tenantId: tenant.id, role: "viewer" }] });
      expect(await viewerOf(kept.cookie)).toBe(userId);
    }
    await updateUser(actor, context, userId, { globalRole: null });
    expect(await viewerOf(kept.cookie)).toBeNull();
    expect(await endReasonOf(kept.token)).toBe("access-reduced");
    await updateUser(actor, context, userId, { globalRole: "ops" });
  });

  it("ends a session at its absolute end however often it is used", async () => {
    const start = Date.now();
    const { token, cookie } = await signIn(userId, email);
    const before = await getPrisma().userSession.findUniqueOrThrow({ where: { id: token.sid! } });
    // used every 30 minutes, as a polling page would (the token decode is reused or redone; neither moves the end)
    for (let at = start; at < start + 12 * HOUR - 60_000; at += HOUR / 2)
      expect(await viewerOf(cookie, at)).toBe(userId);
    const after = await getPrisma().userSession.findUniqueOrThrow({ where: { id: token.sid! } });
    expect(after.expiresAt).toEqual(before.expiresAt);
    expect(after.lastSeenAt.getTime()).toBeGreaterThan(before.lastSeenAt.getTime());
    expect(await viewerOf(cookie, before.expiresAt.getTime())).toBeNull();
    expect(await resolveSession(token.sid!, before.expiresAt.getTime() + 1)).toBeNull();
  });

  it("lets another replica's end of a session through within the check cache's bound", async () => {
    const now = Date.now();
    const sessionId = await startUserSession(userId, { sourceAddress: "x", userAgent: "y" }, new Date(now));
    expect(await resolveSession(sessionId, now)).toBe(userId);
    // ended by another console replica: this one's cached check is not told
    await getPrisma().userSession.update({
      where: { id: sessionId },
      data: { endedAt: new Date(now), endReason: "ended-by-admin" },
    });
    expect(await resolveSession(sessionId, now + 4_999)).toBe(userId);
    expect(await resolveSession(sessionId, now + 5_000)).toBeNull();
  });

  it("prunes a user's sessions that ended more than 30 days ago at their next sign-in", async () => {
    const old = await startUserSession(
      userId,
      { sourceAddress: "x", userAgent: "y" },
      new Date(Date.now() - 31 * 24 * HOUR),
    );
    const recent = await startUserSession(
      userId,
      { sourceAddress: "x", userAgent: "y" },
      new Date(Date.now() - 2 * 24 * HOUR),
    );
    await signIn(userId, email);
    expect(await getPrisma().userSession.findUnique({ where: { id: old } })).toBeNull();
    expect(await getPrisma().userSession.findUnique({ where: { id: recent } })).not.toBeNull();
  });

  it("lists a user's open sessions and lets an admin end one or all, audited", async () => {
    await endSessionsByAdmin(actor, context, userId);
    const [a, b] = [await signIn(userId, email), await signIn(userId, email)];
    const listed = await listUserSessions(actor, userId);
    expect(listed.map((s) => s.id).sort()).toEqual([a.token.sid, b.token.sid].sort());
    expect(listed[0]).toMatchObject({ sourceAddress: "10.1.2.3", userAgent: "it-browser/1.0" });

    expect(await endSessionsByAdmin(actor, context, userId, a.token.sid)).toEqual({ ended: 1 });
    expect([await viewerOf(a.cookie), await viewerOf(b.cookie)]).toEqual([null, userId]);
    await expect(endSessionsByAdmin(actor, context, userId, a.token.sid)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listUserSessions(actor, randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await endSessionsByAdmin(actor, context, userId)).toEqual({ ended: 1 });
    expect(await viewerOf(b.cookie)).toBeNull();
    expect(await listUserSessions(actor, userId)).toEqual([]);
    const audit = await getPrisma().auditEvent.findMany({
      where: { action: "user.end_sessions" },
      orderBy: { id: "asc" },
    });
    expect(audit.at(-2)).toMatchObject({ target: `user:${email}`, after: { sessions: [a.token.sid], ended: 1 } });
  });

  it("refuses listing and ending sessions without a global user.manage", async () => {
    const ops: Viewer = { ...actor, globalRole: "ops", globalPermissions: new Set(DEFAULT_GRANTS.ops) };
    await expect(listUserSessions(ops, userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(endSessionsByAdmin(ops, context, userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
