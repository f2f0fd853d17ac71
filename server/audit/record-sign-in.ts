import "server-only";
import { randomUUID } from "node:crypto";
import { getPrisma } from "@/server/db/client";

/**
 * Records `auth.sign_in` for next-auth's signIn event. That event has no request, so the
 * credentials provider passes the client address and request id along on the user object it
 * returns; SSO sign-ins (a redirect back from the IdP) record "unknown".
 */
export async function recordSignIn(
  email: string,
  provider: string,
  sourceAddress: string | undefined,
  requestId: string = randomUUID(),
): Promise<void> {
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
      requestId,
      sourceAddress: (sourceAddress ?? "unknown").slice(0, 64),
    },
  });
}

/** Why a password sign-in was refused; the audit log tells them apart, the sign-in page does not. */
export type SignInFailureReason = "wrong-password" | "unknown-user" | "disabled" | "no-password" | "throttled";

/**
 * Records `auth.sign_in_failed`: the email that was tried, from where and why it was refused. The
 * password is never recorded. Nobody is signed in, so there is no actor id.
 */
export async function recordSignInFailure(attempt: {
  email: string;
  sourceAddress: string;
  requestId: string;
  reason: SignInFailureReason;
  retryAfterMs?: number;
}): Promise<void> {
  await getPrisma().auditEvent.create({
    data: {
      actorId: null,
      actorEmail: attempt.email.slice(0, 320),
      actorRole: "signed out",
      action: "auth.sign_in_failed",
      target: `user:${attempt.email}`.slice(0, 300),
      after: {
        provider: "credentials",
        reason: attempt.reason,
        ...(attempt.retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) }),
      },
      requestId: attempt.requestId,
      sourceAddress: attempt.sourceAddress.slice(0, 64),
    },
  });
}
