import type { Prisma } from "@/server/db/generated/client";

export const USER_INCLUDE = {
  memberships: { include: { tenant: { select: { slug: true, name: true } } }, orderBy: { tenant: { slug: "asc" } } },
} as const satisfies Prisma.UserInclude;

type UserRow = Prisma.UserGetPayload<{ include: typeof USER_INCLUDE }>;

/** A user as the admin page and the API show it: JSON-safe, never the password hash. */
export type UserSummary = {
  id: string;
  email: string;
  name: string;
  globalRole: string | null;
  memberships: { tenantId: string; tenantSlug: string; tenantName: string; role: string }[];
  /** the environments whose deployments the user may change; empty: every one */
  environments: string[];
  disabled: boolean;
  signsInWith: "password" | "sso";
  createdAt: string;
  lastLoginAt: string | null;
};

export function toUserSummary(user: UserRow): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    globalRole: user.globalRoleName,
    memberships: user.memberships.map((m) => ({
      tenantId: m.tenantId,
      tenantSlug: m.tenant.slug,
      tenantName: m.tenant.name,
      role: m.roleName,
    })),
    environments: user.environmentScope,
    disabled: user.disabled,
    signsInWith: user.passwordHash ? "password" : "sso",
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** What an audit event keeps of a user before/after a change. */
export function auditShape(user: UserSummary) {
  return {
    email: user.email,
    name: user.name,
    globalRole: user.globalRole,
    memberships: user.memberships.map((m) => `${m.tenantSlug}:${m.role}`),
    environments: user.environments,
    disabled: user.disabled,
  };
}
