import { describe, expect, it } from "vitest";
import { parseSearch } from "./search-query";

describe("parseSearch", () => {
  it("reads member and claim ids in the forms people type", () => {
    expect(parseSearch("m100234")).toEqual({
      ok: true,
      query: { kind: "id", memberPrefix: "M100234", claimPrefix: null },
    });
    expect(parseSearch(" C88 ")).toEqual({ ok: true, query: { kind: "id", memberPrefix: null, claimPrefix: "C-88" } });
    expect(parseSearch("c-88")).toEqual({ ok: true, query: { kind: "id", memberPrefix: null, claimPrefix: "C-88" } });
    expect(parseSearch("100234")).toEqual({
      ok: true,
      query: { kind: "id", memberPrefix: "M100234", claimPrefix: "C-100234" },
    });
  });

  it("reads a name with an optional first name and date of birth", () => {
    expect(parseSearch("smith, john 1984-03-02")).toEqual({
      ok: true,
      query: { kind: "name", lastName: "Smith", firstName: "John", dateOfBirth: "1984-03-02" },
    });
    expect(parseSearch("O'Neil")).toEqual({
      ok: true,
      query: { kind: "name", lastName: "O'neil", firstName: null, dateOfBirth: null },
    });
  });

  it("refuses what it cannot mean, with the reason", () => {
    expect(parseSearch("a")).toMatchObject({ ok: false, reason: expect.stringContaining("2 characters") });
    expect(parseSearch("smith 1984-02-31")).toMatchObject({ ok: false, reason: "1984-02-31 is not a date" });
    expect(parseSearch("'; drop table x")).toMatchObject({ ok: false });
    expect(parseSearch("a b c")).toMatchObject({ ok: false });
    expect(parseSearch("x".repeat(81))).toMatchObject({ ok: false });
  });
});
