import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pageFields, pageSlice } from "./page-query";

const schema = z.object(pageFields({ defaultSize: 50, maxSize: 200 })).strict();

describe("pageFields", () => {
  it("defaults to the first page of the default size", () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 50 });
  });

  it("reads whole numbers in range", () => {
    expect(schema.parse({ page: "3", pageSize: "20" })).toEqual({ page: 3, pageSize: 20 });
    expect(schema.parse({ page: "1", pageSize: "200" })).toEqual({ page: 1, pageSize: 200 });
  });

  it.each([
    [{ page: "0" }, /page must be a whole number from 1 to 1000000/],
    [{ page: "-1" }, /page must be a whole number/],
    [{ page: "1.5" }, /page must be a whole number/],
    [{ page: "abc" }, /page must be a whole number/],
    [{ page: "" }, /page must be a whole number/],
    [{ page: "99999999999999999999" }, /page must be a whole number/],
    [{ pageSize: "0" }, /pageSize must be a whole number from 1 to 200/],
    [{ pageSize: "201" }, /pageSize must be a whole number from 1 to 200/],
    [{ pageSize: "1e2" }, /pageSize must be a whole number/],
  ])("refuses %o with the reason", (query, reason) => {
    const result = schema.safeParse(query);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join("; ")).toMatch(reason);
  });
});

describe("pageSlice", () => {
  it("skips the rows of the earlier pages", () => {
    expect(pageSlice({ page: 1, pageSize: 20 })).toEqual({ skip: 0, take: 20 });
    expect(pageSlice({ page: 2, pageSize: 20 })).toEqual({ skip: 20, take: 20 });
    expect(pageSlice({ page: 7, pageSize: 25 })).toEqual({ skip: 150, take: 25 });
  });
});
