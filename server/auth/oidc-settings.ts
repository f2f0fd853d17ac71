import { z } from "zod";
import { ROLES, type RoleName } from "./permissions";

/**
 * Company SSO through any OpenID Connect provider, on only when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are all set. OIDC_ROLE_CLAIM (default `groups`, dotted paths such as
 * `realm_access.roles` allowed) names the claim whose values OIDC_ROLE_MAP turns into a global
 * role and OIDC_TENANT_MAP into tenant memberships; both apply at every SSO sign-in.
 */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  roleMap: ReadonlyMap<string, RoleName>;
  /** group → the tenant memberships it grants; null when OIDC_TENANT_MAP is unset (memberships stay the console's). */
  tenantMap: ReadonlyMap<string, readonly TenantGrant[]> | null;
};

export type TenantGrant = { tenant: string; role: RoleName };

const ROLE_RANK: Record<RoleName, number> = { admin: 4, ops: 3, product: 2, viewer: 1 };

/**
 * Parses `group=role` pairs separated by commas, or by semicolons when any is present (so LDAP
 * DNs, which contain commas, can be used: `cn=ops,ou=groups=ops;cn=adm,ou=groups=admin`). The
 * last `=` splits group from role. Throws with the offending entry.
 */
export function parseRoleMap(text: string): Map<string, RoleName> {
  const map = new Map<string, RoleName>();
  for (const { entry, group, value } of groupEntries(text, "OIDC_ROLE_MAP", "group=role")) {
    map.set(group, roleName(value, "OIDC_ROLE_MAP", entry));
  }
  return map;
}

/** `group=value` entries, separated by commas, or by semicolons when any is present; the last `=` splits. */
function groupEntries(
  text: string,
  variable: string,
  shape: string,
): { entry: string; group: string; value: string }[] {
  const separator = text.includes(";") ? ";" : ",";
  return text
    .split(separator)
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf("=");
      const group = entry.slice(0, at).trim();
      if (at <= 0 || !group) throw new Error(`${variable} entry "${entry}" is not ${shape}`);
      return { entry, group, value: entry.slice(at + 1).trim() };
    });
}

function roleName(value: string, variable: string, entry: string): RoleName {
  if (!(ROLES as readonly string[]).includes(value))
    throw new Error(`${variable} entry "${entry}": role must be one of ${ROLES.join(", ")}`);
  return value as RoleName;
}

const TENANT_SLUG = /^[a-z0-9-]{1,40}$/;

/**
 * Parses `group=tenant-slug:role` entries with the same separators as OIDC_ROLE_MAP, e.g.
 * `acme-support=acme-health:product,acme-sre=acme-health:ops`. A group may appear more than once
 * to grant several tenants. Throws with the offending entry.
 */
export function parseTenantMap(text: string): Map<string, TenantGrant[]> {
  const map = new Map<string, TenantGrant[]>();
  for (const { entry, group, value } of groupEntries(text, "OIDC_TENANT_MAP", "group=tenant:role")) {
    const colon = value.lastIndexOf(":");
    const tenant = value.slice(0, colon).trim();
    if (colon <= 0 || !TENANT_SLUG.test(tenant))
      throw new Error(`OIDC_TENANT_MAP entry "${entry}" is not group=tenant-slug:role`);
    map.set(group, [
      ...(map.get(group) ?? []),
      { tenant, role: roleName(value.slice(colon + 1).trim(), "OIDC_TENANT_MAP", entry) },
    ]);
  }
  return map;
}

/** Tenant slug → the most privileged role any of the user's groups grants there. */
export function tenantRolesForGroups(
  groups: readonly string[],
  tenantMap: ReadonlyMap<string, readonly TenantGrant[]>,
): Map<string, RoleName> {
  const roles = new Map<string, RoleName>();
  for (const group of groups) {
    for (const { tenant, role } of tenantMap.get(group) ?? []) {
      const held = roles.get(tenant);
      if (!held || ROLE_RANK[role] > ROLE_RANK[held]) roles.set(tenant, role);
    }
  }
  return roles;
}

/** The claim's values (a string or an array of strings) at a dotted path of the IdP's profile. */
export function claimValues(profile: unknown, path: string): string[] {
  let value: unknown = profile;
  for (const key of path.split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The most privileged role any of the user's groups maps to; null when none maps. */
export function roleForGroups(groups: readonly string[], roleMap: ReadonlyMap<string, RoleName>): RoleName | null {
  let best: RoleName | null = null;
  for (const group of groups) {
    const role = roleMap.get(group);
    if (role && (!best || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best;
}

const oidcEnv = z.object({
  OIDC_ISSUER: z.url("OIDC_ISSUER must be the issuer URL"),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
  OIDC_ROLE_MAP: z.string().default(""),
  OIDC_TENANT_MAP: z.string().optional(),
});

/** Each variable's own schema, for the configuration catalogue (server/config/catalogue.ts). */
export const oidcEnvShape = oidcEnv.shape;

/** null when SSO is not configured; throws (at start-up) when it is configured wrongly. */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  const parsed = oidcEnv.safeParse(env);
  if (!parsed.success)
    throw new Error(`SSO settings: ${parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; ")}`);
  const e = parsed.data;
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    roleClaim: e.OIDC_ROLE_CLAIM,
    roleMap: parseRoleMap(e.OIDC_ROLE_MAP),
    tenantMap: e.OIDC_TENANT_MAP?.trim() ? parseTenantMap(e.OIDC_TENANT_MAP) : null,
  };
}
