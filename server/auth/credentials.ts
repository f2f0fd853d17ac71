import bcrypt from "bcryptjs";
import { z } from "zod";
import { getPrisma } from "@/server/db/client";
import { decideLoginThrottle, DEFAULT_THROTTLE } from "./login-throttle";

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

/** Checks an email + password, throttled per account and per client address; every attempt is recorded. */
export async function verifyCredentials(input: unknown, address: string, now = new Date()): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const prisma = getPrisma();
  const since = new Date(now.getTime() - DEFAULT_THROTTLE.windowMs);
  const [accountFailures, addressFailures] = await Promise.all(
    [{ account: email }, { address }].map((who) =>
      prisma.loginAttempt.findMany({
        where: { ...who, succeeded: false, at: { gt: since } },
        select: { at: true },
        orderBy: { at: "asc" },
      }),
    ),
  );
  const throttle = decideLoginThrottle(
    { account: accountFailures!.map((f) => f.at), address: addressFailures!.map((f) => f.at) },
    now,
  );
  if (!throttle.allowed) return { ok: false, reason: "throttled", retryAfterMs: throttle.retryAfterMs };

  const user = await prisma.user.findUnique({ where: { email } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  const succeeded = Boolean(user && user.passwordHash && matches && !user.disabled);
  await prisma.loginAttempt.create({ data: { account: email, address, succeeded, at: now } });
  if (!succeeded || !user) return { ok: false, reason: "invalid" };
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
