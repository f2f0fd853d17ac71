import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { configValue } from "@/server/config/value";
import { AppError } from "@/server/errors";
import { decideAccess, decideGlobalAccess, type Viewer } from "./access";
import type { Permission } from "./permissions";
import { loadViewer } from "./load-viewer";
import { createSessionCache, sessionKey } from "./session-cache";
import { resolveSession } from "./user-sessions";

/**
 * Roles and memberships per user, kept for a few seconds: every API call needs them and they
 * rarely change. User administration calls forgetViewer() so changes apply at once on this
 * replica; other replicas see them within VIEWER_TTL_MS.
 */
const VIEWER_TTL_MS = configValue("SYNCDECK_VIEWER_CACHE_MS");
const viewers = new Map<string, { viewer: Promise<Viewer | null>; expiresAt: number }>();

export function forgetViewer(userId?: string): void {
  if (userId) viewers.delete(userId);
  else viewers.clear();
}

function cachedViewer(userId: string, now = Date.now()): Promise<Viewer | null> {
  const hit = viewers.get(userId);
  if (hit && hit.expiresAt > now) return hit.viewer;
  const viewer = loadViewer({ id: userId });
  viewers.set(userId, { viewer, expiresAt: now + VIEWER_TTL_MS });
  viewer.catch(() => viewers.delete(userId));
  if (viewers.size > 10_000) viewers.delete(viewers.keys().next().value!);
  return viewer;
}

/**
 * The user of the request's session. Decoding the JWT directly is several times cheaper than
 * getServerSession, which runs next-auth's whole session endpoint (and re-encrypts the cookie) on
 * every call. The decoded token is kept a few seconds per exact token (never past its expiry, see
 * session-cache.ts); the session id it carries is then checked against `user_sessions` (ended or
 * past its absolute end → signed out; see user-sessions.ts for how long a check is reused).
 */
const SESSION_CACHE_MS = configValue("SYNCDECK_SESSION_CACHE_MS");
const tokens = createSessionCache<{ userId: string; sessionId: string }>(SESSION_CACHE_MS);

/** The request's cookies and headers: all a session is read from. */
export type SessionCredentials = {
  cookies: readonly { name: string; value: string }[];
  headers: Readonly<Record<string, string>>;
};

async function decodedSession(
  credentials: SessionCredentials,
  now: number,
): Promise<{ userId: string; sessionId: string } | null> {
  const key = sessionKey(credentials.cookies, credentials.headers.authorization ?? null);
  if (key === null) return null;
  const cached = tokens.get(key, now);
  if (cached) return cached;
  const req = {
    cookies: Object.fromEntries(credentials.cookies.map((c) => [c.name, c.value])),
    headers: credentials.headers,
  };
  const token = await getToken({
    req: req as unknown as Parameters<typeof getToken>[0]["req"],
    secret: process.env.NEXTAUTH_SECRET,
  });
  // A token without a session id predates server-side sessions and cannot be ended: refused.
  if (!token?.uid || !token.sid) return null;
  const decoded = { userId: token.uid, sessionId: token.sid };
  tokens.set(key, decoded, typeof token.exp === "number" ? token.exp * 1000 : undefined, now);
  return decoded;
}

/** The user whose open session the credentials carry; null when none, or it was ended or expired. */
export async function sessionUserId(credentials: SessionCredentials, now = Date.now()): Promise<string | null> {
  const decoded = await decodedSession(credentials, now);
  if (!decoded) return null;
  const userId = await resolveSession(decoded.sessionId, now);
  return userId === decoded.userId ? userId : null;
}

/** The signed-in user with their roles, once per request; null when signed out, disabled or the session ended. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const userId = await sessionUserId({
    cookies: cookieStore.getAll(),
    headers: Object.fromEntries(headerStore.entries()),
  });
  return userId ? cachedViewer(userId) : null;
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return viewer;
}

/** Throws FORBIDDEN with the reason unless a global role of the viewer holds `permission`. */
export function assertGlobalAllowed(viewer: Viewer, permission: Permission): void {
  const decision = decideGlobalAccess(viewer, permission);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}

/** Throws FORBIDDEN with the reason unless the viewer holds `permission` (in `tenantId`). */
export function assertAllowed(viewer: Viewer, permission: Permission, tenantId?: string): void {
  const decision = decideAccess(viewer, permission, tenantId);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}
