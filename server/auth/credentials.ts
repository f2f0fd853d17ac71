import "server-only";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { recordSignInFailure, type SignInFailureReason } from "@/server/audit/record-sign-in";
import { getPrisma } from "@/server/db/client";
import { reserveSignInAttempt, markAttemptSucceeded } from "./sign-in-attempts";

export const BCRYPT_COST = 12;

// A real hash of a random string: comparing against it costs the same time as a real check,
// so response time does not reveal whether an email is registered.
const DUMMY_HASH = "$2b$12$iECZPMkanDvcdEpobV6Zou7EoMf5sU6y5SGMOnQN2HRHrkACxDrUe";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterMs?: number };

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

function failureReason(
  user: { passwordHash: string | null; disabled: boolean } | null,
  matches: boolean,
): SignInFailureReason {
  if (!user) return "unknown-user";
  if (!user.passwordHash) return "no-password";
  if (!matches) return "wrong-password";
  return "disabled";
}

/**
 * Checks an email + password, backed off per account and client address and limited per address
 * (see login-throttle.ts). Every checked attempt is recorded; every refusal is audited.
 */
export async function verifyCredentials(
  input: unknown,
  address: string,
  requestId: string = randomUUID(),
  now = new Date(),
): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const reservation = await reserveSignInAttempt(email, address, now);
  if (!reservation.allowed) {
    await recordSignInFailure({
      email,
      sourceAddress: address,
      requestId,
      reason: "throttled",
      retryAfterMs: reservation.retryAfterMs,
    });
    return { ok: false, reason: "throttled", retryAfterMs: reservation.retryAfterMs };
  }

  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !matches || user.disabled) {
    await recordSignInFailure({ email, sourceAddress: address, requestId, reason: failureReason(user, matches) });
    return { ok: false, reason: "invalid" };
  }
  await markAttemptSucceeded(reservation.attemptId);
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
