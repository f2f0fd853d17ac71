import { describe, expect, it } from "vitest";
import { grantsNothing, matchSsoUser, ssoAccess, type SsoCandidate } from "./sso-policy";

const SUBJECT = "https://idp.example.com#abc";
const user = (over: Partial<SsoCandidate> = {}): SsoCandidate => ({
  id: "u1",
  disabled: false,
  ssoSubject: null,
  ...over,
});

describe("matchSsoUser", () => {
  it("links an existing user by email only when the IdP verified the email", () => {
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: true, bySubject: null, byEmail: user() })).toEqual({
      ok: true,
      kind: "email",
      user: user(),
    });
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: undefined, bySubject: null, byEmail: user() })).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: false, bySubject: null, byEmail: user() })).toEqual({
      ok: false,
      reason: "unverified",
    });
  });

  it("finds a bound user by subject, even without a verified email claim", () => {
    const bound = user({ ssoSubject: SUBJECT });
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: undefined, bySubject: bound, byEmail: bound })).toEqual({
      ok: true,
      kind: "subject",
      user: bound,
    });
  });

  it("never re-binds a user that signs in with another SSO account", () => {
    const other = user({ ssoSubject: "https://idp.example.com#someone-else" });
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: true, bySubject: null, byEmail: other })).toEqual({
      ok: false,
      reason: "other-account",
    });
  });

  it("creates a new user unless the IdP says the email is unverified", () => {
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: undefined, bySubject: null, byEmail: null })).toEqual({
      ok: true,
      kind: "new",
    });
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: false, bySubject: null, byEmail: null })).toEqual({
      ok: false,
      reason: "unverified",
    });
  });

  it("refuses a disabled user however it is found", () => {
    const disabled = user({ disabled: true, ssoSubject: SUBJECT });
    expect(matchSsoUser({ subject: SUBJECT, emailVerified: true, bySubject: disabled, byEmail: disabled })).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(
      matchSsoUser({ subject: SUBJECT, emailVerified: true, bySubject: null, byEmail: user({ disabled: true }) }),
    ).toEqual({ ok: false, reason: "disabled" });
  });
});

describe("ssoAccess", () => {
  const tenants = new Map([
    ["acme-health", "t-acme"],
    ["globex-care", "t-globex"],
  ]);

  it("maps tenant roles to memberships of tenants that exist", () => {
    const roles = new Map([
      ["globex-care", "viewer"],
      ["acme-health", "ops"],
      ["not-yet", "admin"],
    ] as const);
    expect(ssoAccess("product", roles, tenants)).toEqual({
      globalRole: "product",
      memberships: [
        { tenantId: "t-acme", role: "ops" },
        { tenantId: "t-globex", role: "viewer" },
      ],
    });
  });

  it("leaves memberships alone without a tenant map", () => {
    expect(ssoAccess(null, null, tenants)).toEqual({ globalRole: null, memberships: undefined });
  });

  it("grants nothing without a role and without memberships", () => {
    expect(grantsNothing({ globalRole: null, memberships: [] }, 3)).toBe(true);
    expect(grantsNothing({ globalRole: null, memberships: undefined }, 0)).toBe(true);
    expect(grantsNothing({ globalRole: null, memberships: undefined }, 1)).toBe(false);
    expect(grantsNothing({ globalRole: "viewer", memberships: [] }, 0)).toBe(false);
  });
});
