import { describe, expect, it } from "vitest";
import { LAG_DEFAULTS, parseLagFilters, serializeLagFilters } from "./lag-url";

const parse = (query: string) => parseLagFilters(new URLSearchParams(query));

describe("lag filters in the URL", () => {
  it("reads search, status, sort, order and page", () => {
    expect(parse("q=acme&status=STALL&cluster=staging&sort=lagSeconds&order=asc&page=3")).toEqual({
      q: "acme",
      status: "STALL",
      cluster: "staging",
      sort: "lagSeconds",
      order: "asc",
      page: 3,
    });
  });

  it("falls back to the defaults for what is missing or unknown, without throwing", () => {
    expect(parse("")).toEqual(LAG_DEFAULTS);
    expect(parse("status=BROKEN&sort=size&order=sideways&page=0&other=1&cluster=Not%20One")).toEqual(LAG_DEFAULTS);
    expect(parse("page=-2")).toEqual(LAG_DEFAULTS);
    expect(parse("page=1.5&q=%00x")).toEqual(LAG_DEFAULTS);
    expect(parse(`q=${"x".repeat(201)}`)).toEqual(LAG_DEFAULTS);
  });

  it("writes only what differs from the defaults, and reads back what it wrote", () => {
    expect(serializeLagFilters(LAG_DEFAULTS)).toBe("");
    const filters = {
      q: "sync acme",
      status: "ERR" as const,
      cluster: "",
      sort: "groupId" as const,
      order: "desc" as const,
      page: 2,
    };
    expect(serializeLagFilters(filters)).toBe("q=sync+acme&status=ERR&sort=groupId&page=2");
    expect(parse(serializeLagFilters(filters))).toEqual(filters);
  });
});
