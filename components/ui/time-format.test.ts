import { describe, expect, it } from "vitest";
import {
  axisTimeStyle,
  formatBare,
  formatTime,
  fromZonedInput,
  isKnownZone,
  toZonedInput,
  zoneLabel,
} from "./time-format";

const AT = "2026-11-23T09:04:05.123Z";

describe("formatTime", () => {
  it("labels every time with its zone, numeric and 24-hour whatever the runtime's locale", () => {
    expect(formatTime(AT, "UTC")).toBe("2026-11-23 09:04:05 UTC");
    expect(formatTime(AT, "Europe/Berlin")).toBe("2026-11-23 10:04:05 UTC+1");
    expect(formatTime("2026-07-01T21:30:00Z", "America/New_York", "minute")).toBe("2026-07-01 17:30 UTC-4");
    expect(formatTime(AT, "Asia/Kolkata", "time")).toBe("14:34:05 UTC+5:30");
    expect(formatTime(AT, "UTC", "precise")).toBe("09:04:05.123 UTC");
    expect(formatTime(AT, "UTC", "clock")).toBe("09:04 UTC");
    expect(formatTime("2026-11-23T23:30:00Z", "Pacific/Auckland", "date")).toBe("2026-11-24 UTC+13");
  });

  it("shows a dash for a missing or unreadable time", () => {
    expect(formatTime(null, "UTC")).toBe("—");
    expect(formatTime("not a time", "UTC")).toBe("—");
  });

  it("leaves the label off for axis ticks, and names a zone with no offset UTC", () => {
    expect(formatBare(AT, "Europe/Berlin", "clock")).toBe("10:04");
    expect(zoneLabel(new Date(AT), "Europe/London")).toBe("UTC");
  });

  it("knows which zone names are real", () => {
    expect(isKnownZone("Europe/Berlin")).toBe(true);
    expect(isKnownZone("Mars/Olympus")).toBe(false);
  });
});

describe("datetime-local inputs in the shown zone", () => {
  it("shows an instant as the input's wall-clock value in the zone", () => {
    expect(toZonedInput(AT, "UTC")).toBe("2026-11-23T09:04");
    expect(toZonedInput(AT, "Europe/Berlin")).toBe("2026-11-23T10:04");
    expect(toZonedInput("", "UTC")).toBe("");
  });

  it("reads what a person typed in the zone they see as one unambiguous instant", () => {
    expect(fromZonedInput("2026-11-23T10:04", "UTC")).toBe("2026-11-23T10:04:00.000Z");
    expect(fromZonedInput("2026-11-23T10:04", "Europe/Berlin")).toBe("2026-11-23T09:04:00.000Z");
    expect(fromZonedInput("2026-07-01T10:04:30", "Europe/Berlin")).toBe("2026-07-01T08:04:30.000Z");
    expect(fromZonedInput("2026-11-23T10:04", "America/Los_Angeles")).toBe("2026-11-23T18:04:00.000Z");
    expect(fromZonedInput("2026-11-23T10:04", "Asia/Kolkata")).toBe("2026-11-23T04:34:00.000Z");
  });

  it("round-trips with the input value in every zone", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Australia/Adelaide"]) {
      const shown = toZonedInput("2026-03-15T12:00:00Z", zone);
      expect(fromZonedInput(shown, zone)).toBe("2026-03-15T12:00:00.000Z");
    }
  });

  it("settles the wall times a daylight-saving change repeats or skips", () => {
    // Berlin repeats 02:00–03:00 on 2026-10-25: the earlier instant (summer time) is meant.
    expect(fromZonedInput("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
    // Berlin skips 02:00–03:00 on 2026-03-29: read with the offset before the change.
    expect(fromZonedInput("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    expect(fromZonedInput("2026-03-29T03:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses what is not a datetime-local value", () => {
    expect(fromZonedInput("yesterday", "UTC")).toBeNull();
    expect(fromZonedInput("2026-02-30T10:00", "UTC")).toBeNull();
    expect(fromZonedInput("2026-11-23T10:04Z", "UTC")).toBeNull();
  });
});

describe("axisTimeStyle", () => {
  it("shows seconds on a span under 15 minutes, so ticks do not repeat the same minute", () => {
    expect(axisTimeStyle("2026-11-23T21:06:00Z", "2026-11-23T21:08:30Z")).toBe("time");
    expect(axisTimeStyle("2026-11-23T20:08:00Z", "2026-11-23T21:08:00Z")).toBe("clock");
    expect(axisTimeStyle("2026-11-23T21:00:00Z", "2026-11-23T21:15:00Z")).toBe("clock");
  });

  it("falls back to minutes when the data is empty or unreadable", () => {
    expect(axisTimeStyle(undefined, undefined)).toBe("clock");
    expect(axisTimeStyle("not a time", "2026-11-23T21:08:00Z")).toBe("clock");
  });
});
