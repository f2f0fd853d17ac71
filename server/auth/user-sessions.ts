import "server-only";
import { configValue } from "@/server/config/value";
import { getPrisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { createSessionCache, type SessionCache } from "./session-cache";
import { checkSession, sessionExpiresAt, sessionMaxAgeMs, shouldTouch, type SessionEndReason } from "./session-policy";

type Db = Prisma.TransactionClient | ReturnType<typeof getPrisma>;

/**
 * Sessions as rows of `user_sessions`: the session cookie carries the row's id, and every request
 * checks the row. A check is kept per session id for SYNCDECK_SESSION_CACHE_MS (default 5 s), never
 * past the session's absolute end; ending a session deletes its entry on this replica at once, so
 * other replicas refuse an ended session within that bound.
 */
const CHECK_CACHE_MS = configValue("SYNCDECK_SESSION_CACHE_MS");
/**
 * One cache per process, not per module copy: Next.js bundles route handlers and pages separately,
 * each with its own module state, and a sign-out handled by the auth route must clear the check
 * that pages use too.
 */
const CHECKS = Symbol.for("syncdeck.session-checks");
const processWide = globalThis as typeof globalThis & { [CHECKS]?: SessionCache<string> };
const checked = (processWide[CHECKS] ??= createSessionCache<string>(CHECK_CACHE_MS));

export type SessionOrigin = { sourceAddress: string; userAgent: string };

/** Ended and expired sessions are kept this long for the admin's and the audit's questions, then pruned. */
const KEEP_ENDED_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Opens a session at sign-in; its absolute end is fixed now (SYNCDECK_SESSION_MAX_AGE_HOURS). The
 * user's sessions that ended long ago are pruned here, so the table stays bounded per user.
 */
export async function startUserSession(
  userId: string,
  origin: SessionOrigin,
  now = new Date(),
  db: Db = getPrisma(),
): Promise<string> {
  await db.userSession.deleteMany({ where: { userId, expiresAt: { lt: new Date(now.getTime() - KEEP_ENDED_MS) } } });
  const session = await db.userSession.create({
    data: {
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: sessionExpiresAt(now, sessionMaxAgeMs()),
      sourceAddress: origin.sourceAddress.slice(0, 64),
      userAgent: origin.userAgent.slice(0, 300),
    },
    select: { id: true },
  });
  return session.id;
}

/** The user of an open session; null once it was ended or reached its absolute end. */
export async function resolveSession(sessionId: string, now = Date.now()): Promise<string | null> {
  const hit = checked.get(sessionId, now);
  if (hit) return hit;
  const row = await getPrisma().userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, expiresAt: true, endedAt: true, lastSeenAt: true },
  });
  const check = checkSession(row, now);
  if (!check.valid) return null;
  if (shouldTouch(row!.lastSeenAt, now)) {
    await getPrisma().userSession.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { lastSeenAt: new Date(now) },
    });
  }
  checked.set(sessionId, check.userId, check.expiresAtMs, now);
  return check.userId;
}

/**
 * Ends open sessions matching `where` and returns their ids. Inside a transaction, call
 * forgetSessions(ids) after it commits: forgetting earlier could let a request cache the
 * still-open row again.
 */
async function endSessions(
  db: Db,
  where: Prisma.UserSessionWhereInput,
  reason: SessionEndReason,
  now: Date,
): Promise<string[]> {
  const open = await db.userSession.findMany({ where: { ...where, endedAt: null }, select: { id: true } });
  if (open.length === 0) return [];
  const ids = open.map((s) => s.id);
  await db.userSession.updateMany({
    where: { id: { in: ids }, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return ids;
}

export function endUserSessions(db: Db, userId: string, reason: SessionEndReason, now = new Date()): Promise<string[]> {
  return endSessions(db, { userId }, reason, now);
}

export function endOneSession(
  db: Db,
  userId: string,
  sessionId: string,
  reason: SessionEndReason,
  now = new Date(),
): Promise<string[]> {
  return endSessions(db, { id: sessionId, userId }, reason, now);
}

export function forgetSessions(sessionIds: readonly string[]): void {
  for (const id of sessionIds) checked.delete(id);
}

/** Sign-out: ends the cookie's session on the server, so a copy of the cookie stops working too. */
export async function endSessionAtSignOut(sessionId: string): Promise<void> {
  const session = await getPrisma().userSession.findUnique({ where: { id: sessionId }, select: { userId: true } });
  if (!session) return;
  forgetSessions(await endOneSession(getPrisma(), session.userId, sessionId, "sign-out"));
}

export type SessionSummary = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  sourceAddress: string;
  userAgent: string;
};

/** A user's open sessions, newest first. */
export async function listOpenSessions(userId: string, now = new Date()): Promise<SessionSummary[]> {
  const rows = await getPrisma().userSession.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    sourceAddress: s.sourceAddress,
    userAgent: s.userAgent,
  }));
}
