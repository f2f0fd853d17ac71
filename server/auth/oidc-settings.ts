import { z } from "zod";
import { ROLES, type RoleName } from "./permissions";

/**
 * Company SSO through any OpenID Connect provider, on only when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are all set. OIDC_ROLE_CLAIM (default `groups`, dotted paths such as
 * `realm_access.roles` allowed) names the claim whose values OIDC_ROLE_MAP turns into a role.
 */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  roleMap: ReadonlyMap<string, RoleName>;
};

const ROLE_RANK: Record<RoleName, number> = { admin: 4, ops: 3, product: 2, viewer: 1 };

/**
 * Parses `group=role` pairs separated by commas, or by semicolons when any is present (so LDAP
 * DNs, which contain commas, can be used: `cn=ops,ou=groups=ops;cn=adm,ou=groups=admin`). The
 * last `=` splits group from role. Throws with the offending entry.
 */
export function parseRoleMap(text: string): Map<string, RoleName> {
  const map = new Map<string, RoleName>();
  const separator = text.includes(";") ? ";" : ",";
  for (const entry of text.split(separator).map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || !group) throw new Error(`OIDC_ROLE_MAP entry "${entry}" is not group=role`);
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new Error(`OIDC_ROLE_MAP entry "${entry}": role must be one of ${ROLES.join(", ")}`);
    }
    map.set(group, role as RoleName);
  }
  return map;
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
});

/** null when SSO is not configured; throws (at start-up) when it is configured wrongly. */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  const parsed = oidcEnv.safeParse(env);
  if (!parsed.success) throw new Error(`SSO settings: ${parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; ")}`);
  const e = parsed.data;
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    roleClaim: e.OIDC_ROLE_CLAIM,
    roleMap: parseRoleMap(e.OIDC_ROLE_MAP),
  };
}
