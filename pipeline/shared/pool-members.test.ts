import { describe, expect, it } from "vitest";
import { laneChanges, notServedError } from "./pool-members";

describe("laneChanges", () => {
  it("adds the members without a lane and removes the lanes of tenants no longer members", () => {
    expect(laneChanges(["acme", "beta", "gamma"], ["beta", "delta", "acme"])).toEqual({
      add: ["delta"],
      remove: ["gamma"],
    });
  });

  it("changes nothing when the lanes are the members, in any order", () => {
    expect(laneChanges(["acme", "beta"], ["beta", "acme"])).toEqual({ add: [], remove: [] });
  });

  it("empties a pool whose tenants all left, and fills one that had none", () => {
    expect(laneChanges(["acme", "beta"], [])).toEqual({ add: [], remove: ["acme", "beta"] });
    expect(laneChanges([], ["acme", "acme", "beta"])).toEqual({ add: ["acme", "beta"], remove: [] });
  });
});

describe("notServedError", () => {
  it("names each tenant that could not start, by slug, and is null when all did", () => {
    expect(notServedError(new Map())).toBeNull();
    expect(
      notServedError(
        new Map([
          ["zeta", "topic missing"],
          ["acme", "no leader"],
        ]),
      ),
    ).toBe(
      "acme: not served yet (retried every refresh): no leader; zeta: not served yet (retried every refresh): topic missing",
    );
  });
});
