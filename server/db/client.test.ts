import { describe, expect, it } from "vitest";
import { databaseUrlFromEnv } from "./client";

describe("databaseUrlFromEnv", () => {
  it("returns a postgresql URL", () => {
    const url = "postgresql://app:secret@db.internal:5432/syncdeck";
    expect(databaseUrlFromEnv({ DATABASE_URL: url })).toBe(url);
    expect(databaseUrlFromEnv({ DATABASE_URL: "postgres://x@h/db" })).toBe("postgres://x@h/db");
  });

  it("says what is wrong when the variable is missing or empty", () => {
    expect(() => databaseUrlFromEnv({})).toThrow(/DATABASE_URL is not set/);
    expect(() => databaseUrlFromEnv({ DATABASE_URL: "" })).toThrow(/must be a postgresql:\/\/ connection URL/);
  });

  it("never echoes the value, which may hold a password", () => {
    expect(() => databaseUrlFromEnv({ DATABASE_URL: "mysql://root:hunter2@h/db" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});
