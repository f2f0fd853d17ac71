import { describe, expect, it } from "vitest";
import { decideLoginThrottle } from "./login-throttle";

const now = new Date("2026-11-23T10:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const limits = { windowMs: 15 * 60_000, perAccount: 3, perAddress: 5 };

describe("decideLoginThrottle", () => {
  it("allows attempts below the limits", () => {
    expect(decideLoginThrottle({ account: [minutesAgo(2), minutesAgo(1)], address: [] }, now, limits)).toEqual({
      allowed: true,
    });
  });

  it("refuses once the account reached its limit and says when to retry", () => {
    const decision = decideLoginThrottle({ account: [minutesAgo(10), minutesAgo(5), minutesAgo(1)], address: [] }, now, limits);
    expect(decision).toEqual({ allowed: false, retryAfterMs: 5 * 60_000 });
  });

  it("forgets failures older than the window", () => {
    const old = [minutesAgo(40), minutesAgo(30), minutesAgo(20)];
    expect(decideLoginThrottle({ account: old, address: old }, now, limits).allowed).toBe(true);
  });

  it("limits an address spraying many accounts", () => {
    const address = [5, 4, 3, 2, 1].map(minutesAgo);
    const decision = decideLoginThrottle({ account: [], address }, now, limits);
    expect(decision.allowed).toBe(false);
  });
});
