import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelayMs, decideLoginThrottle, type ThrottleLimits } from "./login-throttle";

const now = new Date("2026-11-23T10:00:00Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1_000);
const minutesAgo = (m: number) => secondsAgo(m * 60);
const limits: ThrottleLimits = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  pairMemoryMs: 60 * 60_000,
  perAddress: 10,
  addressWindowMs: 15 * 60_000,
};

describe("backoffDelayMs", () => {
  it("owes nothing for the free failures, then doubles up to the cap", () => {
    expect([0, 1, 2].map((n) => backoffDelayMs(n, limits))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((n) => backoffDelayMs(n, limits))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelayMs(9, limits)).toBe(60_000);
    expect(backoffDelayMs(10_000, limits)).toBe(60_000);
  });

  it("never shrinks with more failures and never passes the cap", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        expect(backoffDelayMs(fewer, limits)).toBeLessThanOrEqual(backoffDelayMs(more, limits));
        expect(backoffDelayMs(more, limits)).toBeLessThanOrEqual(limits.maxDelayMs);
      }),
    );
  });
});

describe("decideLoginThrottle", () => {
  it("lets an attempt through exactly when the wait it names has passed", () => {
    // Failures up to 20 minutes back (past the address window), dense enough to hit both limits.
    const failures = (maxAgoMs: number) => fc.array(fc.integer({ min: 0, max: maxAgoMs }), { maxLength: 25 });
    fc.assert(
      fc.property(failures(5 * 60_000), failures(20 * 60_000), (pairAgo, addressAgo) => {
        const times = (agos: number[]) => agos.sort((x, y) => y - x).map((ms) => new Date(now.getTime() - ms));
        const recent = { pair: times(pairAgo), address: times(addressAgo) };
        const decision = decideLoginThrottle(recent, now, limits);
        if (decision.allowed) return;
        expect(decision.retryAfterMs).toBeGreaterThan(0);
        expect(decideLoginThrottle(recent, new Date(now.getTime() + decision.retryAfterMs - 1), limits).allowed).toBe(
          false,
        );
        expect(decideLoginThrottle(recent, new Date(now.getTime() + decision.retryAfterMs), limits)).toEqual({
          allowed: true,
        });
      }),
    );
  });

  it("lets the free failures of an account from an address through without delay", () => {
    const pair = [secondsAgo(2), secondsAgo(1)];
    expect(decideLoginThrottle({ pair, address: pair }, now, limits)).toEqual({ allowed: true });
  });

  it("backs off from the last failure once the free ones are used, and says when to retry", () => {
    const pair = [secondsAgo(0.9), secondsAgo(0.6), secondsAgo(0.3)];
    expect(decideLoginThrottle({ pair, address: pair }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 700,
      scope: "account-address",
    });
    const later = new Date(now.getTime() + 700);
    expect(decideLoginThrottle({ pair, address: pair }, later, limits)).toEqual({ allowed: true });
  });

  it("doubles the wait with every further failure, up to the cap", () => {
    const five = [5, 4, 3, 2, 1].map(secondsAgo);
    expect(decideLoginThrottle({ pair: five, address: five }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 3_000,
      scope: "account-address",
    });
    const many = Array.from({ length: 9 }, (_, i) => minutesAgo(50 - i * 5)).concat([secondsAgo(10)]);
    expect(decideLoginThrottle({ pair: many, address: [] }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 50_000,
      scope: "account-address",
    });
  });

  it("forgets failures of an account from an address after a quiet hour", () => {
    const old = [130, 125, 120, 90, 61].map(minutesAgo);
    expect(decideLoginThrottle({ pair: old, address: [] }, now, limits)).toEqual({ allowed: true });
    expect(decideLoginThrottle({ pair: [...old, secondsAgo(1)], address: [] }, now, limits)).toEqual({ allowed: true });
  });

  it("does not hold up an account from an address that has not failed (the owner elsewhere)", () => {
    // The attacker's address is backed off for this account; the owner's address has no failures.
    const attacker = Array.from({ length: 9 }, (_, i) => secondsAgo(9 - i));
    expect(decideLoginThrottle({ pair: attacker, address: attacker }, now, limits).allowed).toBe(false);
    expect(decideLoginThrottle({ pair: [], address: [] }, now, limits)).toEqual({ allowed: true });
  });

  it("names the longer wait when both limits refuse", () => {
    const pair = Array.from({ length: 9 }, (_, i) => minutesAgo(50 - i * 5)).concat([secondsAgo(10)]);
    const address = [14.5, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(minutesAgo);
    expect(decideLoginThrottle({ pair, address }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 50_000,
      scope: "account-address",
    });
  });

  it("limits one address trying many accounts, until the oldest counted failure leaves the window", () => {
    const spray = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(minutesAgo);
    expect(decideLoginThrottle({ pair: [], address: spray }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 5 * 60_000,
      scope: "address",
    });
    expect(decideLoginThrottle({ pair: [], address: spray.slice(1) }, now, limits)).toEqual({ allowed: true });
    const outsideWindow = [20, 19, 18, 17, 16].map(minutesAgo);
    expect(decideLoginThrottle({ pair: [], address: [...outsideWindow, ...spray.slice(5)] }, now, limits)).toEqual({
      allowed: true,
    });
  });
});
