import { describe, expect, it } from "vitest";
import { planPlacement } from "./placement-plan";

const rule = { pool: "pool-shared" as const, maxPooledPerSecond: 500 };

describe("planPlacement", () => {
  it("pools a tenant planned at or under the limit, and says so with both figures", () => {
    expect(planPlacement(500, rule)).toEqual({
      placement: "pool-shared",
      explanation: "planned 500/s ≤ 500/s → pool-shared, sharing one processor per stage with the other small tenants",
    });
    expect(planPlacement(3, rule).placement).toBe("pool-shared");
  });

  it("keeps a tenant over the limit dedicated", () => {
    const plan = planPlacement(1_200, rule);
    expect(plan.placement).toBe("dedicated");
    expect(plan.explanation).toBe("planned 1,200/s > 500/s pooled limit → dedicated: processors of its own per stage");
  });

  it("keeps every tenant dedicated when no onboarding pool is set", () => {
    expect(planPlacement(1, { pool: null, maxPooledPerSecond: 500 }).placement).toBe("dedicated");
    expect(planPlacement(1, { pool: "pool-a", maxPooledPerSecond: 0 }).placement).toBe("dedicated");
  });
});
