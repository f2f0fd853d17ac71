import "server-only";
import { getPrisma } from "@/server/db/client";
import { decideLoginThrottle, DEFAULT_THROTTLE, type ThrottleDecision, type ThrottleLimits } from "./login-throttle";

export type Reservation = { allowed: true; attemptId: bigint } | Extract<ThrottleDecision, { allowed: false }>;

/**
 * Decides whether this attempt may have its password checked and, if so, records it at once as a
 * failure (turned into a success afterwards when the password is right). Both happen under one
 * per-address lock in one transaction, so parallel attempts from an address are counted one after
 * another: each sees every earlier one, including those whose password check is still running. A
 * throttled attempt is not recorded here, so hammering during a back-off does not prolong it.
 */
export async function reserveSignInAttempt(
  account: string,
  address: string,
  now: Date,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): Promise<Reservation> {
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${address}`}))`;
    const lastSuccess = await tx.loginAttempt.findFirst({
      where: { account, address, succeeded: true },
      orderBy: { at: "desc" },
      select: { at: true },
    });
    const pairSince = Math.max(now.getTime() - limits.pairMemoryMs, lastSuccess?.at.getTime() ?? 0);
    const pair = await tx.loginAttempt.findMany({
      where: { account, address, succeeded: false, at: { gt: new Date(pairSince) } },
      orderBy: { at: "asc" },
      select: { at: true },
    });
    const fromAddress = await tx.loginAttempt.findMany({
      where: { address, succeeded: false, at: { gt: new Date(now.getTime() - limits.addressWindowMs) } },
      orderBy: { at: "asc" },
      select: { at: true },
    });
    const decision = decideLoginThrottle(
      { pair: pair.map((f) => f.at), address: fromAddress.map((f) => f.at) },
      now,
      limits,
    );
    if (!decision.allowed) return decision;
    const attempt = await tx.loginAttempt.create({
      data: { account, address, succeeded: false, at: now },
      select: { id: true },
    });
    return { allowed: true, attemptId: attempt.id };
  });
}

/** Marks a reserved attempt as the successful sign-in it turned out to be; it no longer counts as a failure. */
export async function markAttemptSucceeded(attemptId: bigint): Promise<void> {
  await getPrisma().loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}
