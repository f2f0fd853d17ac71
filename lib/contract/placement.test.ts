import { describe, expect, it } from "vitest";
import { isPoolName, placementSchema, processorTargets } from "./placement";

describe("placement", () => {
  it("is dedicated or a pool name", () => {
    expect(placementSchema.parse("dedicated")).toBe("dedicated");
    expect(placementSchema.parse("pool-small-1")).toBe("pool-small-1");
    for (const bad of ["pool-", "pool-x-", "small", "Pool-x", "pool_x", `pool-${"x".repeat(36)}`, ""])
      expect(placementSchema.safeParse(bad).success, bad).toBe(false);
    expect(placementSchema.safeParse("shared").error?.issues[0]?.message).toMatch(/"dedicated" or a pool name/);
    expect(isPoolName(`pool-${"x".repeat(35)}`)).toBe(true);
  });

  it("gives a dedicated tenant a target of its own and a pool one target for all its tenants", () => {
    expect(
      processorTargets([
        { slug: "globex-care", placement: "pool-demo" },
        { slug: "acme-health", placement: "pool-demo" },
        { slug: "big-co", placement: "dedicated" },
        { slug: "initech", placement: "pool-b" },
      ]),
    ).toEqual([
      { name: "big-co", pool: false, tenants: ["big-co"] },
      { name: "pool-b", pool: true, tenants: ["initech"] },
      { name: "pool-demo", pool: true, tenants: ["acme-health", "globex-care"] },
    ]);
    expect(() => processorTargets([{ slug: "x-co", placement: "elsewhere" }])).toThrow(/unknown placement/);
  });
});
