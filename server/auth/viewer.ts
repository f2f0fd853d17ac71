import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { decideAccess, type Viewer } from "./access";
import { isPermission, type Permission } from "./permissions";
import { createSessionCache, sessionKey } from "./session-cache";

function toPermissions(rows: { permissionKey: string }[]): Set<Permission> {
  return new Set(rows.map((r) => r.permissionKey).filter(isPermission));
}

/**
 * Roles and memberships per user, kept for a few seconds: every API call needs them and they
 * rarely change. User administration calls forgetViewer() so changes apply at once on this
 * replica; other replicas see them within VIEWER_TTL_MS.
 */
const VIEWER_TTL_MS = Number(process.env.SYNCDECK_VIEWER_CACHE_MS ?? 5_000);
const viewers = new Map<string, { viewer: Promise<Viewer | null>; expiresAt: number }>();

export function forgetViewer(userId?: string): void {
  if (userId) viewers.delete(userId);
  else viewers.clear();
}

async function loadViewer(userId: string): Promise<Viewer | null> {
  const user = await getPrisma().user.findUnique({
    where: { id: userId },
    include: {
      globalRole: { include: { permissions: true } },
      memberships: { include: { role: { include: { permissions: true } } } },
    },
  });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    globalRole: user.globalRoleName,
    globalPermissions: toPermissions(user.globalRole?.permissions ?? []),
    tenantAccess: new Map(
      user.memberships.map((m) => [m.tenantId, { role: m.roleName, permissions: toPermissions(m.role.permissions) }]),
    ),
  };
}

function cachedViewer(userId: string, now = Date.now()): Promise<Viewer | null> {
  const hit = viewers.get(userId);
  if (hit && hit.expiresAt > now) return hit.viewer;
  const viewer = loadViewer(userId);
  viewers.set(userId, { viewer, expiresAt: now + VIEWER_TTL_MS });
  viewer.catch(() => viewers.delete(userId));
  if (viewers.size > 10_000) viewers.delete(viewers.keys().next().value!);
  return viewer;
}

/**
 * The user id in the session cookie. Decoding the JWT directly is several times cheaper than
 * getServerSession, which runs next-auth's whole session endpoint (and re-encrypts the cookie) on
 * every call; sessions then end a fixed SESSION_MAX_AGE after sign-in instead of sliding. The
 * decoded id is kept a few seconds per exact token (never past its expiry): see session-cache.ts.
 */
const SESSION_CACHE_MS = Number(process.env.SYNCDECK_SESSION_CACHE_MS ?? 5_000);
const sessions = createSessionCache(SESSION_CACHE_MS);

async function sessionUserId(now = Date.now()): Promise<string | null> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const all = cookieStore.getAll();
  const key = sessionKey(all, headerStore.get("authorization"));
  if (key === null) return null;
  const cached = sessions.get(key, now);
  if (cached) return cached;
  const req = { cookies: Object.fromEntries(all.map((c) => [c.name, c.value])), headers: Object.fromEntries(headerStore.entries()) };
  const token = await getToken({ req: req as unknown as Parameters<typeof getToken>[0]["req"], secret: process.env.NEXTAUTH_SECRET });
  if (!token?.uid) return null;
  sessions.set(key, token.uid, typeof token.exp === "number" ? token.exp * 1000 : undefined, now);
  return token.uid;
}

/** The signed-in user with their roles, once per request; null when signed out or disabled. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const userId = await sessionUserId();
  return userId ? cachedViewer(userId) : null;
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return viewer;
}

/** Throws FORBIDDEN with the reason unless the viewer holds `permission` (in `tenantId`). */
export function assertAllowed(viewer: Viewer, permission: Permission, tenantId?: string): void {
  const decision = decideAccess(viewer, permission, tenantId);
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason);
}

export async function requirePermission(permission: Permission, tenantId?: string): Promise<Viewer> {
  const viewer = await requireViewer();
  assertAllowed(viewer, permission, tenantId);
  return viewer;
}
