/** Failed sign-ins allowed in the window before further attempts are refused. */
export type ThrottleLimits = { windowMs: number; perAccount: number; perAddress: number };

export const DEFAULT_THROTTLE: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Decides whether another sign-in attempt may be checked, from the recent failures for the account
 * and for the client address (oldest first). The same answer is given whether or not the account
 * exists, so throttling never reveals which emails are registered.
 */
export function decideLoginThrottle(
  failures: { account: Date[]; address: Date[] },
  now: Date,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): ThrottleDecision {
  const since = now.getTime() - limits.windowMs;
  const recent = (times: Date[]) => times.filter((t) => t.getTime() > since);
  const check = (times: Date[], limit: number) => {
    const inWindow = recent(times);
    if (inWindow.length < limit) return 0;
    const oldestThatCounts = inWindow[inWindow.length - limit]!;
    return oldestThatCounts.getTime() + limits.windowMs - now.getTime();
  };
  const wait = Math.max(check(failures.account, limits.perAccount), check(failures.address, limits.perAddress));
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}
