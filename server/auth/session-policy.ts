import { z } from "zod";

/**
 * What makes a signed-in session valid, and what ends one. The session cookie only carries a
 * session id; its row in `user_sessions` decides. Pure: the clock and the rows are passed in.
 */
export const SESSION_END_REASONS = [
  "sign-out",
  "ended-by-admin",
  "password-changed",
  "disabled",
  "access-reduced",
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export type SessionRow = { userId: string; expiresAt: Date; endedAt: Date | null };

export type SessionCheck =
  { valid: true; userId: string; expiresAtMs: number } | { valid: false; reason: "unknown" | "ended" | "expired" };

/** A session is valid while it exists, nobody ended it and its absolute end has not come. */
export function checkSession(row: SessionRow | null, now: number): SessionCheck {
  if (!row) return { valid: false, reason: "unknown" };
  if (row.endedAt) return { valid: false, reason: "ended" };
  if (row.expiresAt.getTime() <= now) return { valid: false, reason: "expired" };
  return { valid: true, userId: row.userId, expiresAtMs: row.expiresAt.getTime() };
}

const DEFAULT_MAX_AGE_HOURS = 12;
/** SYNCDECK_SESSION_MAX_AGE_HOURS, for the configuration catalogue too. */
export const sessionMaxAgeHoursSchema = z.coerce
  .number({ error: "SYNCDECK_SESSION_MAX_AGE_HOURS must be a number of hours" })
  .positive("SYNCDECK_SESSION_MAX_AGE_HOURS must be above 0")
  .max(24 * 30, "SYNCDECK_SESSION_MAX_AGE_HOURS must be at most 720 (30 days)");

/** The absolute lifetime of a session, from SYNCDECK_SESSION_MAX_AGE_HOURS (default 12 h). */
export function sessionMaxAgeMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SYNCDECK_SESSION_MAX_AGE_HOURS;
  const hours = raw === undefined || raw.trim() === "" ? DEFAULT_MAX_AGE_HOURS : sessionMaxAgeHoursSchema.parse(raw);
  return Math.round(hours * 60 * 60 * 1000);
}

/** The absolute end of a session that starts at `startedAt`; nothing moves it later. */
export function sessionExpiresAt(startedAt: Date, maxAgeMs: number): Date {
  return new Date(startedAt.getTime() + maxAgeMs);
}

/** last_seen_at is written at most once per `everyMs` per session, not on every request. */
export function shouldTouch(lastSeenAt: Date, now: number, everyMs = 60_000): boolean {
  return now - lastSeenAt.getTime() >= everyMs;
}

export type UserAccess = {
  globalRole: string | null;
  memberships: readonly { tenantId: string; role: string }[];
  disabled: boolean;
};

/**
 * Whether `after` takes away anything `before` had: the global role removed or changed, a
 * membership removed or its role changed. Only additions keep existing sessions.
 */
export function accessReduced(before: UserAccess, after: UserAccess): boolean {
  if (before.globalRole !== null && before.globalRole !== after.globalRole) return true;
  const roles = new Map(after.memberships.map((m) => [m.tenantId, m.role]));
  return before.memberships.some((m) => roles.get(m.tenantId) !== m.role);
}

/** Why a change to a user ends their open sessions; null when they may stay signed in. */
export function sessionEndForChange(
  before: UserAccess,
  after: UserAccess,
  passwordChanged: boolean,
): SessionEndReason | null {
  if (after.disabled && !before.disabled) return "disabled";
  if (passwordChanged) return "password-changed";
  if (accessReduced(before, after)) return "access-reduced";
  return null;
}
