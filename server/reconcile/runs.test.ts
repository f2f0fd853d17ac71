import { describe, expect, it } from "vitest";
import { scheduleEveryMinutes } from "./runs";

describe("scheduleEveryMinutes", () => {
  it("defaults to hourly, takes 0 as off, refuses nonsense", () => {
    expect(scheduleEveryMinutes({})).toBe(60);
    expect(scheduleEveryMinutes({ SYNCDECK_RECONCILE_EVERY_MINUTES: "0" })).toBe(0);
    expect(scheduleEveryMinutes({ SYNCDECK_RECONCILE_EVERY_MINUTES: "15" })).toBe(15);
    expect(() => scheduleEveryMinutes({ SYNCDECK_RECONCILE_EVERY_MINUTES: "often" })).toThrow(/must be a number/);
    expect(() => scheduleEveryMinutes({ SYNCDECK_RECONCILE_EVERY_MINUTES: "-1" })).toThrow(/must be a number/);
  });
});
