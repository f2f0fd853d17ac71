import { randomUUID } from "node:crypto";
import { getPrisma } from "@/server/db/client";

/**
 * Records `auth.sign_in` for next-auth's signIn event. That event has no request, so the
 * credentials provider passes the client address along on the user object it returns; SSO
 * sign-ins (a redirect back from the IdP) record "unknown".
 */
export async function recordSignIn(email: string, provider: string, sourceAddress: string | undefined): Promise<void> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, include: { memberships: true } });
  if (!user) return;
  const tenantRoles = [...new Set(user.memberships.map((m) => m.roleName))].sort().join(", ");
  await prisma.auditEvent.create({
    data: {
      actorId: user.id,
      actorEmail: user.email,
      actorRole: (user.globalRoleName ?? (tenantRoles || "no access")).slice(0, 40),
      action: "auth.sign_in",
      target: `user:${user.email}`,
      after: { provider },
      requestId: randomUUID(),
      sourceAddress: (sourceAddress ?? "unknown").slice(0, 64),
    },
  });
}
