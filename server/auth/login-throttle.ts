/**
 * How sign-in attempts are slowed down. There is no account lock: failures are counted per account
 * *and* client address, so someone guessing from one address backs off only themselves, and the
 * owner signing in from another address is not held up. A looser limit per address across all
 * accounts stops one address from trying a few passwords against many accounts (spraying).
 */
import { backoffMs } from "@/lib/backoff";

export type ThrottleLimits = {
  /** failures of one account from one address that are answered without delay */
  freeFailures: number;
  /** delay after the first failure beyond the free ones; it doubles with each further failure */
  baseDelayMs: number;
  /** the delay never grows past this */
  maxDelayMs: number;
  /** failures of an account from an address older than this are forgotten */
  pairMemoryMs: number;
  /** failures from one address across all accounts allowed within `addressWindowMs` */
  perAddress: number;
  addressWindowMs: number;
};

export const DEFAULT_THROTTLE: ThrottleLimits = {
  freeFailures: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  pairMemoryMs: 60 * 60_000,
  perAddress: 30,
  addressWindowMs: 15 * 60_000,
};

/** Recent failed attempts, oldest first. */
export type RecentFailures = {
  /** this account from this address, since its last successful sign-in from there */
  pair: readonly Date[];
  /** this address, any account */
  address: readonly Date[];
};

export type ThrottleDecision =
  { allowed: true } | { allowed: false; retryAfterMs: number; scope: "account-address" | "address" };

/** The delay owed after `failures` failures: none for the free ones, then doubling up to the cap. */
export function backoffDelayMs(failures: number, limits: ThrottleLimits = DEFAULT_THROTTLE): number {
  const beyondFree = failures - limits.freeFailures;
  if (beyondFree < 0) return 0;
  return backoffMs(beyondFree + 1, { baseMs: limits.baseDelayMs, maxMs: limits.maxDelayMs });
}

function pairWaitMs(failures: readonly Date[], now: Date, limits: ThrottleLimits): number {
  const recent = failures.filter((t) => t.getTime() > now.getTime() - limits.pairMemoryMs);
  const last = recent[recent.length - 1];
  if (!last) return 0;
  return last.getTime() + backoffDelayMs(recent.length, limits) - now.getTime();
}

function addressWaitMs(failures: readonly Date[], now: Date, limits: ThrottleLimits): number {
  const inWindow = failures.filter((t) => t.getTime() > now.getTime() - limits.addressWindowMs);
  if (inWindow.length < limits.perAddress) return 0;
  const oldestThatCounts = inWindow[inWindow.length - limits.perAddress]!;
  return oldestThatCounts.getTime() + limits.addressWindowMs - now.getTime();
}

/**
 * May another attempt be checked now? The same answer is given whether or not the account exists,
 * so throttling never reveals which emails are registered.
 */
export function decideLoginThrottle(
  failures: RecentFailures,
  now: Date,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): ThrottleDecision {
  const address = addressWaitMs(failures.address, now, limits);
  const pair = pairWaitMs(failures.pair, now, limits);
  // The longer wait is the one to name: after it, neither limit refuses.
  if (address <= 0 && pair <= 0) return { allowed: true };
  return address >= pair
    ? { allowed: false, retryAfterMs: address, scope: "address" }
    : { allowed: false, retryAfterMs: pair, scope: "account-address" };
}
