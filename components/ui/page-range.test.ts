import { describe, expect, it } from "vitest";
import { describePageRange, lastPage } from "./page-range";

describe("describePageRange", () => {
  it("names the rows of the page and the total", () => {
    expect(describePageRange({ page: 2, pageSize: 20, total: 132 })).toBe("21–40 of 132");
    expect(describePageRange({ page: 1, pageSize: 20, total: 7 })).toBe("1–7 of 7");
    expect(describePageRange({ page: 7, pageSize: 20, total: 132 })).toBe("121–132 of 132");
    expect(describePageRange({ page: 1, pageSize: 50, total: 1500 })).toBe("1–50 of 1,500");
  });

  it("says 0 of 0 for an empty list and names a page past the end", () => {
    expect(describePageRange({ page: 1, pageSize: 20, total: 0 })).toBe("0 of 0");
    expect(describePageRange({ page: 9, pageSize: 20, total: 40 })).toBe("page 9 of 2 is past the end (40 in all)");
  });
});

describe("lastPage", () => {
  it("rounds up and is at least 1", () => {
    expect(lastPage({ page: 1, pageSize: 20, total: 132 })).toBe(7);
    expect(lastPage({ page: 1, pageSize: 20, total: 140 })).toBe(7);
    expect(lastPage({ page: 1, pageSize: 20, total: 0 })).toBe(1);
  });
});
