import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getPrisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { decideLastAdmin } from "@/server/admin/last-admin";
import { auditShape, toUserSummary, USER_INCLUDE, type UserSummary } from "@/server/admin/user-summary";
import { lockUserAdministration, type Tx } from "@/server/admin/user-tx";
import { claimValues, roleForGroups, tenantRolesForGroups, type OidcSettings } from "./oidc-settings";
import { accessReduced } from "./session-policy";
import { grantsNothing, matchSsoUser, ssoAccess, type SsoAccess } from "./sso-policy";
import { endUserSessions, forgetSessions } from "./user-sessions";
import { forgetViewer } from "./viewer";

const ssoProfile = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  email_verified: z.boolean().optional(),
  name: z.string().trim().max(200).optional(),
});

export type SsoDecision =
  | { ok: true; userId: string }
  | { ok: false; reason: "no-email" | "unverified" | "disabled" | "other-account" | "no-role" };

type Outcome = { decision: SsoDecision; userId?: string; endedSessions: string[] };

async function writeAudit(
  tx: Tx,
  user: UserSummary,
  action: string,
  change: { before?: object; after: object },
  sourceAddress: string,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: user.id,
      actorEmail: user.email,
      actorRole: (user.globalRole ?? (user.memberships.length ? "tenant member" : "no access")).slice(0, 40),
      action,
      target: `user:${user.email}`,
      before: change.before as Prisma.InputJsonObject | undefined,
      after: change.after as Prisma.InputJsonObject,
      requestId: randomUUID(),
      sourceAddress,
    },
  });
}

async function createSsoUser(
  tx: Tx,
  input: { email: string; name: string; subject: string; access: SsoAccess },
  settings: OidcSettings,
  sourceAddress: string,
): Promise<Outcome> {
  const { access } = input;
  if (grantsNothing(access, 0)) return { decision: { ok: false, reason: "no-role" }, endedSessions: [] };
  const created = await tx.user.create({
    data: {
      email: input.email,
      name: input.name,
      passwordHash: null,
      ssoSubject: input.subject,
      globalRoleName: access.globalRole,
      memberships: { create: (access.memberships ?? []).map((m) => ({ tenantId: m.tenantId, roleName: m.role })) },
    },
    include: USER_INCLUDE,
  });
  const summary = toUserSummary(created);
  await writeAudit(
    tx,
    summary,
    "user.create_sso",
    { after: { ...auditShape(summary), via: settings.issuer } },
    sourceAddress,
  );
  return { decision: { ok: true, userId: created.id }, userId: created.id, endedSessions: [] };
}

/** The global role the IdP maps to, unless taking the current one away would leave no enabled admin. */
async function globalRoleToApply(
  tx: Tx,
  userId: string,
  current: string | null,
  mapped: string | null,
): Promise<string | null> {
  const admins = await tx.user.findMany({
    where: { OR: [{ globalRoleName: "admin" }, { id: userId }] },
    select: { id: true, globalRoleName: true, disabled: true },
  });
  return decideLastAdmin(admins, { userId, globalRoleName: mapped }).allowed ? mapped : current;
}

/**
 * Finds or creates the SyncDeck user for an SSO sign-in and applies the access their IdP groups
 * map to — every time, so a group the IdP takes away is taken away here at the next sign-in (and
 * the user's other sessions end). A sign-in that leaves the user with no access is refused.
 */
export async function upsertSsoUser(
  profile: unknown,
  settings: OidcSettings,
  sourceAddress = "unknown",
): Promise<SsoDecision> {
  const parsed = ssoProfile.safeParse(profile);
  if (!parsed.success) return { ok: false, reason: "no-email" };
  const { sub, email, email_verified: emailVerified, name } = parsed.data;
  const subject = `${settings.issuer}#${sub}`.slice(0, 400);
  const groups = claimValues(profile, settings.roleClaim);
  const mappedRole = roleForGroups(groups, settings.roleMap);
  const tenantRoles = settings.tenantMap ? tenantRolesForGroups(groups, settings.tenantMap) : null;

  const outcome = await getPrisma().$transaction(async (tx): Promise<Outcome> => {
    await lockUserAdministration(tx);
    const bySubject = await tx.user.findUnique({ where: { ssoSubject: subject }, include: USER_INCLUDE });
    const byEmail =
      bySubject?.email === email ? bySubject : await tx.user.findUnique({ where: { email }, include: USER_INCLUDE });
    const match = matchSsoUser({ subject, emailVerified, bySubject, byEmail });
    if (!match.ok) return { decision: match, endedSessions: [] };
    const tenants = tenantRoles?.size
      ? await tx.tenant.findMany({ where: { slug: { in: [...tenantRoles.keys()] } }, select: { id: true, slug: true } })
      : [];
    const access = ssoAccess(mappedRole, tenantRoles, new Map(tenants.map((t) => [t.slug, t.id])));
    if (match.kind === "new")
      return createSsoUser(tx, { email, name: name || email, subject, access }, settings, sourceAddress);

    const existing = match.kind === "subject" ? bySubject! : byEmail!;
    const updated = await tx.user.update({
      where: { id: existing.id },
      data: {
        ssoSubject: subject,
        globalRoleName: await globalRoleToApply(tx, existing.id, existing.globalRoleName, access.globalRole),
        memberships: access.memberships && {
          deleteMany: {},
          create: access.memberships.map((m) => ({ tenantId: m.tenantId, roleName: m.role })),
        },
      },
      include: USER_INCLUDE,
    });
    const before = toUserSummary(existing);
    const after = toUserSummary(updated);
    const reduced = accessReduced(before, after);
    const endedSessions = reduced ? await endUserSessions(tx, existing.id, "access-reduced") : [];
    const changed = reduced || JSON.stringify(auditShape(before)) !== JSON.stringify(auditShape(after));
    if (changed || match.kind === "email") {
      const record = {
        ...auditShape(after),
        via: settings.issuer,
        linkedByEmail: match.kind === "email",
        sessionsEnded: endedSessions.length,
      };
      await writeAudit(tx, after, "user.sso_sync", { before: auditShape(before), after: record }, sourceAddress);
    }
    const nothing = grantsNothing(
      { globalRole: after.globalRole as SsoAccess["globalRole"], memberships: undefined },
      after.memberships.length,
    );
    return {
      decision: nothing ? { ok: false, reason: "no-role" } : { ok: true, userId: existing.id },
      userId: existing.id,
      endedSessions,
    };
  });
  // Roles are cached per user and session checks per session for a few seconds: drop them now.
  if (outcome.userId) forgetViewer(outcome.userId);
  forgetSessions(outcome.endedSessions);
  return outcome.decision;
}
