/**
 * SSO sign-ins against real Postgres with the demo users and tenants: an email links an existing
 * user only when the IdP verified it, an SSO account stays bound to its user by subject, and the
 * IdP groups' global role and tenant memberships apply at every sign-in (ending the user's other
 * sessions when they take something away), never demoting the last admin.
 */
import { describe, expect, it } from "vitest";
import { getPrisma } from "@/server/db/client";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { parseRoleMap, parseTenantMap, type OidcSettings } from "./oidc-settings";
import { upsertSsoUser } from "./sso-user";
import { resolveSession, startUserSession } from "./user-sessions";

withThrowawayDatabase("it_sso", { demo: true });

const ISSUER = "https://idp.example.test";
const settings: OidcSettings = {
  issuer: ISSUER,
  clientId: "syncdeck",
  clientSecret: "secret",
  roleClaim: "groups",
  roleMap: parseRoleMap("sd-admins=admin,sd-ops=ops,sd-viewers=viewer"),
  tenantMap: parseTenantMap("acme-support=acme-health:product,globex-sre=globex-care:ops,future=no-such-tenant:ops"),
};

const profile = (sub: string, email: string, groups: string[], emailVerified?: boolean) => ({
  sub,
  email,
  name: sub,
  groups,
  ...(emailVerified === undefined ? {} : { email_verified: emailVerified }),
});

async function access(email: string) {
  const user = await getPrisma().user.findUniqueOrThrow({
    where: { email },
    include: { memberships: { include: { tenant: true } } },
  });
  return {
    globalRole: user.globalRoleName,
    memberships: user.memberships.map((m) => `${m.tenant.slug}:${m.roleName}`).sort(),
    ssoSubject: user.ssoSubject,
  };
}

describe("SSO sign-in", () => {
  it("creates a new user with the mapped role and the tenant memberships of existing tenants", async () => {
    const decision = await upsertSsoUser(
      profile("nina", "nina@example.test", ["sd-viewers", "acme-support", "future"]),
      settings,
    );
    expect(decision).toMatchObject({ ok: true });
    expect(await access("nina@example.test")).toEqual({
      globalRole: "viewer",
      memberships: ["acme-health:product"],
      ssoSubject: `${ISSUER}#nina`,
    });
  });

  it("applies the groups again at the next sign-in and ends sessions when access shrinks", async () => {
    const { id } = await getPrisma().user.findUniqueOrThrow({ where: { email: "nina@example.test" } });
    const open = await startUserSession(id, { sourceAddress: "10.0.0.9", userAgent: "it" });
    // gaining a tenant keeps the open session
    expect(
      await upsertSsoUser(profile("nina", "nina@example.test", ["sd-viewers", "acme-support", "globex-sre"]), settings),
    ).toMatchObject({ ok: true });
    expect((await access("nina@example.test")).memberships).toEqual(["acme-health:product", "globex-care:ops"]);
    expect(await resolveSession(open)).toBe(id);
    // the IdP took acme-support away: membership gone, sessions ended, audited
    expect(
      await upsertSsoUser(profile("nina", "nina@example.test", ["sd-viewers", "globex-sre"]), settings),
    ).toMatchObject({ ok: true });
    expect(await access("nina@example.test")).toMatchObject({ globalRole: "viewer", memberships: ["globex-care:ops"] });
    expect(await resolveSession(open)).toBeNull();
    const event = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "user.sso_sync", target: "user:nina@example.test" },
      orderBy: { id: "desc" },
    });
    expect(event.before).toMatchObject({ memberships: ["acme-health:product", "globex-care:ops"] });
    expect(event.after).toMatchObject({ memberships: ["globex-care:ops"], sessionsEnded: 1 });
  });

  it("refuses, and takes the access away, once no group maps to anything", async () => {
    expect(await upsertSsoUser(profile("nina", "nina@example.test", ["marketing"]), settings)).toEqual({
      ok: false,
      reason: "no-role",
    });
    expect(await access("nina@example.test")).toMatchObject({ globalRole: null, memberships: [] });
  });

  it("links an existing user by email only when the IdP verified the email", async () => {
    const before = await access("ops@syncdeck.local");
    expect(await upsertSsoUser(profile("omar", "ops@syncdeck.local", ["sd-admins"]), settings)).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(await upsertSsoUser(profile("omar", "ops@syncdeck.local", ["sd-admins"], false), settings)).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(await access("ops@syncdeck.local")).toEqual(before);

    expect(await upsertSsoUser(profile("omar", "ops@syncdeck.local", ["sd-viewers"], true), settings)).toMatchObject({
      ok: true,
    });
    expect(await access("ops@syncdeck.local")).toEqual({
      globalRole: "viewer",
      memberships: [],
      ssoSubject: `${ISSUER}#omar`,
    });
    const linked = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "user.sso_sync", target: "user:ops@syncdeck.local" },
    });
    expect(linked.after).toMatchObject({ linkedByEmail: true, globalRole: "viewer" });
  });

  it("keeps a bound user by subject, and never re-binds the email to another IdP account", async () => {
    expect(await upsertSsoUser(profile("omar", "ops@syncdeck.local", ["sd-ops"]), settings)).toMatchObject({
      ok: true,
    });
    expect((await access("ops@syncdeck.local")).globalRole).toBe("ops");
    expect(await upsertSsoUser(profile("mallory", "ops@syncdeck.local", ["sd-admins"], true), settings)).toEqual({
      ok: false,
      reason: "other-account",
    });
    expect((await access("ops@syncdeck.local")).ssoSubject).toBe(`${ISSUER}#omar`);
  });

  it("never demotes the last enabled admin", async () => {
    expect(await upsertSsoUser(profile("ada", "admin@syncdeck.local", ["sd-viewers"], true), settings)).toMatchObject({
      ok: true,
    });
    expect((await access("admin@syncdeck.local")).globalRole).toBe("admin");
  });

  it("refuses a disabled user", async () => {
    await getPrisma().user.update({ where: { email: "viewer@syncdeck.local" }, data: { disabled: true } });
    expect(await upsertSsoUser(profile("victor", "viewer@syncdeck.local", ["sd-viewers"], true), settings)).toEqual({
      ok: false,
      reason: "disabled",
    });
  });
});
