import { describe, expect, it } from "vitest";
import { targetsOf, tenantChoices } from "./target-filter";

const targets = [
  { tenant: "northwind-rx", tenants: ["northwind-rx"] },
  { tenant: "pool-demo", tenants: ["acme-health", "globex-care"] },
];

describe("the board's tenant filter", () => {
  it("offers the tenants the targets serve, pooled ones included", () => {
    expect(tenantChoices(targets)).toEqual(["acme-health", "globex-care", "northwind-rx"]);
  });
  it("shows a pooled tenant's pool, a dedicated tenant's own target, or a pool by its name", () => {
    expect(targetsOf(targets, "acme-health").map((t) => t.tenant)).toEqual(["pool-demo"]);
    expect(targetsOf(targets, "northwind-rx").map((t) => t.tenant)).toEqual(["northwind-rx"]);
    expect(targetsOf(targets, "pool-demo").map((t) => t.tenant)).toEqual(["pool-demo"]);
    expect(targetsOf(targets, "")).toHaveLength(2);
  });
});
