import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getPrisma } from "@/server/db/client";
import { claimValues, roleForGroups, type OidcSettings } from "./oidc-settings";

const ssoProfile = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  email_verified: z.boolean().optional(),
  name: z.string().trim().max(200).optional(),
});

export type SsoDecision = { ok: true; userId: string } | { ok: false; reason: "no-email" | "unverified" | "disabled" | "no-role" };

/**
 * Finds or creates the SyncDeck user for an SSO sign-in, matched by email. A new user gets the
 * global role their IdP groups map to (none mapped → sign-in refused, so an IdP account alone
 * grants nothing). Existing users keep the roles admins gave them in the console.
 */
export async function upsertSsoUser(profile: unknown, settings: OidcSettings, sourceAddress = "unknown"): Promise<SsoDecision> {
  const parsed = ssoProfile.safeParse(profile);
  if (!parsed.success) return { ok: false, reason: "no-email" };
  const { email, email_verified: verified, name } = parsed.data;
  if (verified === false) return { ok: false, reason: "unverified" };
  const prisma = getPrisma();
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true, disabled: true } });
  if (existing) return existing.disabled ? { ok: false, reason: "disabled" } : { ok: true, userId: existing.id };
  const role = roleForGroups(claimValues(profile, settings.roleClaim), settings.roleMap);
  if (!role) return { ok: false, reason: "no-role" };
  const user = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({ data: { email, name: name || email, passwordHash: null, globalRoleName: role } });
    await tx.auditEvent.create({
      data: {
        actorId: created.id,
        actorEmail: email,
        actorRole: role,
        action: "user.create_sso",
        target: `user:${email}`,
        after: { email, globalRole: role, via: settings.issuer },
        requestId: randomUUID(),
        sourceAddress,
      },
    });
    return created;
  });
  return { ok: true, userId: user.id };
}
