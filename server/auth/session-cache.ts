/**
 * Decoded sessions, kept for a few seconds per exact token. Decoding a next-auth session is an HKDF
 * key derivation plus an AES-GCM decryption, the largest cost of a cached API read; a polling page
 * sends the same token every time. The decoded value is reused only for the very same cookie (or
 * bearer) string and never past the token's own expiry, so nothing is accepted that a fresh decode
 * would refuse. The same cache keeps a session id's checked state (user-sessions.ts), never past
 * the session's absolute end and deleted at once when the session is ended. Pure: the clock is
 * passed in.
 */
export type SessionCache<T = string> = {
  get(key: string, now: number): T | undefined;
  set(key: string, value: T, tokenExpiresAtMs: number | undefined, now: number): void;
  delete(key: string): void;
};

/** The request's session credentials as one string, or null when it carries none. */
export function sessionKey(
  cookies: readonly { name: string; value: string }[],
  authorization: string | null,
): string | null {
  const session = cookies
    .filter((c) => c.name.includes("session-token"))
    .map((c) => `${c.name}=${c.value}`)
    .sort()
    .join("; ");
  if (!session && !authorization) return null;
  return `${session}|${authorization ?? ""}`;
}

export function createSessionCache<T = string>(ttlMs: number, maxEntries = 10_000): SessionCache<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  return {
    get(key, now) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expiresAt > now) return hit.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, tokenExpiresAtMs, now) {
      const expiresAt = Math.min(now + ttlMs, tokenExpiresAtMs ?? Number.POSITIVE_INFINITY);
      if (expiresAt <= now) return;
      entries.delete(key); // re-insert: the Map's order is then oldest first
      entries.set(key, { value, expiresAt });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
