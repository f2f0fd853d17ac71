import { describe, expect, it } from "vitest";
import {
  accessReduced,
  checkSession,
  sessionEndForChange,
  sessionExpiresAt,
  sessionMaxAgeMs,
  shouldTouch,
  type UserAccess,
} from "./session-policy";

const HOUR = 60 * 60 * 1000;
const row = (over: Partial<{ expiresAt: Date; endedAt: Date | null }> = {}) => ({
  userId: "u1",
  expiresAt: new Date(10 * HOUR),
  endedAt: null,
  ...over,
});

describe("checkSession", () => {
  it("accepts an open session before its absolute end", () => {
    expect(checkSession(row(), 10 * HOUR - 1)).toEqual({ valid: true, userId: "u1", expiresAtMs: 10 * HOUR });
  });

  it("refuses an unknown, an ended and an expired session", () => {
    expect(checkSession(null, 0)).toEqual({ valid: false, reason: "unknown" });
    expect(checkSession(row({ endedAt: new Date(1) }), 2)).toEqual({ valid: false, reason: "ended" });
    expect(checkSession(row(), 10 * HOUR)).toEqual({ valid: false, reason: "expired" });
  });
});

describe("sessionMaxAgeMs", () => {
  it("defaults to 12 hours and reads SYNCDECK_SESSION_MAX_AGE_HOURS", () => {
    expect(sessionMaxAgeMs({})).toBe(12 * HOUR);
    expect(sessionMaxAgeMs({ SYNCDECK_SESSION_MAX_AGE_HOURS: "0.5" })).toBe(HOUR / 2);
  });

  it("refuses nonsense with the variable's name", () => {
    expect(() => sessionMaxAgeMs({ SYNCDECK_SESSION_MAX_AGE_HOURS: "forever" })).toThrow(
      /SYNCDECK_SESSION_MAX_AGE_HOURS/,
    );
    expect(() => sessionMaxAgeMs({ SYNCDECK_SESSION_MAX_AGE_HOURS: "0" })).toThrow(/above 0/);
    expect(() => sessionMaxAgeMs({ SYNCDECK_SESSION_MAX_AGE_HOURS: "10000" })).toThrow(/at most/);
  });

  it("fixes the end at sign-in", () => {
    expect(sessionExpiresAt(new Date(HOUR), 12 * HOUR).getTime()).toBe(13 * HOUR);
  });
});

describe("shouldTouch", () => {
  it("writes last seen at most once a minute", () => {
    expect(shouldTouch(new Date(0), 59_999)).toBe(false);
    expect(shouldTouch(new Date(0), 60_000)).toBe(true);
  });
});

const access = (over: Partial<UserAccess> = {}): UserAccess => ({
  globalRole: "ops",
  memberships: [{ tenantId: "t1", role: "viewer" }],
  disabled: false,
  ...over,
});

describe("accessReduced", () => {
  it("is true when the global role is removed or changed", () => {
    expect(accessReduced(access(), access({ globalRole: null }))).toBe(true);
    expect(accessReduced(access(), access({ globalRole: "admin" }))).toBe(true);
  });

  it("is true when a membership is removed or its role changed", () => {
    expect(accessReduced(access(), access({ memberships: [] }))).toBe(true);
    expect(accessReduced(access(), access({ memberships: [{ tenantId: "t1", role: "ops" }] }))).toBe(true);
  });

  it("is false for additions and for no change", () => {
    expect(accessReduced(access({ globalRole: null }), access())).toBe(false);
    expect(
      accessReduced(
        access(),
        access({
          memberships: [
            { tenantId: "t1", role: "viewer" },
            { tenantId: "t2", role: "ops" },
          ],
        }),
      ),
    ).toBe(false);
    expect(accessReduced(access(), access())).toBe(false);
  });
});

describe("sessionEndForChange", () => {
  it("ends sessions on disable, password change and reduced access", () => {
    expect(sessionEndForChange(access(), access({ disabled: true }), false)).toBe("disabled");
    expect(sessionEndForChange(access(), access(), true)).toBe("password-changed");
    expect(sessionEndForChange(access(), access({ globalRole: null }), false)).toBe("access-reduced");
  });

  it("keeps sessions for a rename, an added membership or re-enabling", () => {
    expect(sessionEndForChange(access(), access(), false)).toBeNull();
    expect(sessionEndForChange(access({ disabled: true }), access(), false)).toBeNull();
    expect(sessionEndForChange(access({ memberships: [] }), access(), false)).toBeNull();
  });
});
