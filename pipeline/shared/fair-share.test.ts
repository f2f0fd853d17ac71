import { describe, expect, it } from "vitest";
import { budgetTurns, FairShareGate, pickWaiter } from "./fair-share";

describe("pickWaiter", () => {
  it("grants the tenant holding the fewest slots, the earliest on a tie", () => {
    const held = new Map([
      ["big", 2],
      ["mid", 1],
    ]);
    expect(pickWaiter([{ tenant: "big" }, { tenant: "mid" }, { tenant: "small" }], held)).toBe(2);
    expect(pickWaiter([{ tenant: "big" }, { tenant: "mid" }, { tenant: "big" }], held)).toBe(1);
    expect(pickWaiter([{ tenant: "a" }, { tenant: "b" }], new Map())).toBe(0);
    expect(pickWaiter([], held)).toBeUndefined();
  });
});

describe("budgetTurns", () => {
  it("cuts a batch into turns of at most the budget, in order", () => {
    expect(budgetTurns([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(budgetTurns([1, 2], 2)).toEqual([[1, 2]]);
  });

  it("keeps the whole batch in one turn without a budget (a dedicated processor)", () => {
    expect(budgetTurns([1, 2, 3], null)).toEqual([[1, 2, 3]]);
    expect(budgetTurns([], 10)).toEqual([[]]);
  });
});

describe("FairShareGate", () => {
  it("lets one busy tenant use every free slot, then shares them when others wait", async () => {
    const gate = new FairShareGate(3);
    const busy = await Promise.all([gate.acquire("busy"), gate.acquire("busy"), gate.acquire("busy")]);
    expect(gate.holdings().get("busy")).toBe(3);

    const order: string[] = [];
    const next = ["busy", "busy", "quiet", "other"].map((tenant) =>
      gate.acquire(tenant).then((release) => {
        order.push(tenant);
        return release;
      }),
    );
    busy[0]!();
    busy[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    // the two freed slots go to the tenants holding none, though "busy" asked first
    expect(order).toEqual(["quiet", "other"]);
    busy[2]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["quiet", "other", "busy"]);
    const releases = await Promise.all(next.filter((_, i) => i !== 1));
    for (const release of releases) release();
    await next[1];
    expect(order).toHaveLength(4);
  });

  it("ignores a second release of the same slot", async () => {
    const gate = new FairShareGate(1);
    const release = await gate.acquire("a");
    release();
    release();
    const again = await gate.acquire("b");
    let thirdGranted = false;
    void gate.acquire("c").then(() => (thirdGranted = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdGranted).toBe(false);
    again();
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdGranted).toBe(true);
  });
});
