import { describe, expect, it } from "vitest";
import { namedStatement, statementName } from "./named-statements";

describe("named statements", () => {
  it("names only registered texts, exactly as registered", () => {
    const text = namedStatement("test_lookup", "SELECT $1::int AS n");
    expect(text).toBe("SELECT $1::int AS n");
    expect(statementName("SELECT $1::int AS n")).toBe("test_lookup");
    expect(statementName("SELECT $1::int AS n ")).toBeUndefined();
    expect(statementName("SELECT 1")).toBeUndefined();
  });

  it("allows registering the same text twice but not one name for two texts", () => {
    namedStatement("test_twice", "SELECT 2");
    expect(() => namedStatement("test_twice", "SELECT 2")).not.toThrow();
    expect(() => namedStatement("test_twice", "SELECT 3")).toThrow(/already taken/);
  });
});
