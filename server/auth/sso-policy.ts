import type { RoleName } from "./permissions";

/**
 * Which SyncDeck user an SSO sign-in is, and what access it carries. Pure: the caller loads the
 * candidate users and tenants. An SSO account is bound to one user by its subject
 * (`<issuer>#<sub>`); an email alone links an existing user only when the IdP says it verified
 * that email, otherwise anyone able to set that address at the IdP would take the account over.
 */
export type SsoCandidate = { id: string; disabled: boolean; ssoSubject: string | null };

export type SsoMatch =
  | { ok: true; kind: "subject" | "email"; user: SsoCandidate }
  | { ok: true; kind: "new" }
  | { ok: false; reason: "unverified" | "disabled" | "other-account" };

export function matchSsoUser(input: {
  subject: string;
  emailVerified: boolean | undefined;
  bySubject: SsoCandidate | null;
  byEmail: SsoCandidate | null;
}): SsoMatch {
  if (input.emailVerified === false) return { ok: false, reason: "unverified" };
  const { bySubject, byEmail } = input;
  if (bySubject)
    return bySubject.disabled ? { ok: false, reason: "disabled" } : { ok: true, kind: "subject", user: bySubject };
  if (!byEmail) return { ok: true, kind: "new" };
  // The email's user already signs in with another SSO account: never re-bind by email.
  if (byEmail.ssoSubject !== null && byEmail.ssoSubject !== input.subject)
    return { ok: false, reason: "other-account" };
  if (input.emailVerified !== true) return { ok: false, reason: "unverified" };
  return byEmail.disabled ? { ok: false, reason: "disabled" } : { ok: true, kind: "email", user: byEmail };
}

export type SsoAccess = {
  globalRole: RoleName | null;
  /** undefined: the tenant map is not configured, so the user's memberships are left as they are */
  memberships: { tenantId: string; role: RoleName }[] | undefined;
};

/**
 * The access the IdP groups grant, applied at every SSO sign-in: the mapped global role, and the
 * mapped memberships of tenants that exist (a mapped slug without a tenant grants nothing yet).
 */
export function ssoAccess(
  globalRole: RoleName | null,
  tenantRoles: ReadonlyMap<string, RoleName> | null,
  tenantIdsBySlug: ReadonlyMap<string, string>,
): SsoAccess {
  if (!tenantRoles) return { globalRole, memberships: undefined };
  const memberships = [...tenantRoles]
    .filter(([slug]) => tenantIdsBySlug.has(slug))
    .map(([slug, role]) => ({ tenantId: tenantIdsBySlug.get(slug)!, role }))
    .sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  return { globalRole, memberships };
}

/** Grants nothing: no global role and no membership (kept or mapped). */
export function grantsNothing(access: SsoAccess, keptMemberships: number): boolean {
  return (
    access.globalRole === null &&
    (access.memberships === undefined ? keptMemberships === 0 : access.memberships.length === 0)
  );
}
