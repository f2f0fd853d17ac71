import { describe, expect, it } from "vitest";
import { bigintId, bigintIdText, isBigintId, isStorableTime, storableTimeText } from "./bounded-values";

describe("bigint ids", () => {
  it("accepts 1 to 2^63-1", () => {
    for (const text of ["1", "42", "9223372036854775807", "0000000000000000001"])
      expect(isBigintId(text), text).toBe(true);
    expect(bigintId("before").parse("9223372036854775807")).toBe(9223372036854775807n);
  });

  it("refuses what Postgres' bigint cannot hold or what is no id", () => {
    for (const text of [
      "0",
      "9223372036854775808",
      "9999999999999999999",
      "18446744073709551616",
      "99999999999999999999",
      "-1",
      "1.5",
      "1e3",
      "0x10",
      " 1",
      "",
      "abc",
    ]) {
      expect(isBigintId(text), text).toBe(false);
    }
    expect(bigintIdText("cursor").safeParse("9999999999999999999").error?.issues[0]?.message).toBe(
      "cursor must be a whole number from 1 to 9223372036854775807",
    );
  });
});

describe("storable times", () => {
  it("accepts ISO dates and times in the years 1 to 9999", () => {
    for (const text of [
      "2026-12-04",
      "2026-12-04T12:00:00Z",
      "2026-12-04T12:00:00+14:00",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
    ]) {
      expect(storableTimeText("from").safeParse(text).success, text).toBe(true);
    }
  });

  it("refuses dates JavaScript reads but Postgres does not store, and no dates at all", () => {
    for (const text of [
      "-271821-04-20",
      "+275760-09-13",
      "-000001-01-01",
      "0000-01-01",
      "+010000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+14:00",
      "tomorrow",
      "",
      "2026-13-45",
    ]) {
      expect(storableTimeText("from").safeParse(text).success, text).toBe(false);
    }
    expect(storableTimeText("from").safeParse("-271821-04-20").error?.issues[0]?.message).toBe(
      "from must be an ISO-8601 time in the years 1 to 9999",
    );
    expect(isStorableTime(new Date(Number.NaN))).toBe(false);
  });
});
