import { describe, expect, it } from "vitest";
import { STATUSES } from "./burrow-status";
import { groupLabels, statusLevel } from "./status-metric";

describe("statusLevel", () => {
  it("maps every status to 0 OK, 1 warning, 2 stalled or failing", () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, statusLevel(s)]))).toEqual({
      OK: 0,
      WARN: 1,
      REWIND: 1,
      STALL: 2,
      STOP: 2,
      ERR: 2,
    });
  });

  it("treats a status it does not know as the worst", () => {
    expect(statusLevel("LATER")).toBe(2);
  });
});

describe("groupLabels", () => {
  it("reads tenant and stage from a pipeline group", () => {
    expect(groupLabels("sync.acme-health.update-processor")).toEqual({
      group: "sync.acme-health.update-processor",
      tenant: "acme-health",
      stage: "update-processor",
    });
  });

  it("leaves tenant and stage empty for other groups of the cluster", () => {
    expect(groupLabels("connect-cluster")).toEqual({ group: "connect-cluster", tenant: "", stage: "" });
    expect(groupLabels("sync.acme-health.someone-else")).toEqual({
      group: "sync.acme-health.someone-else",
      tenant: "",
      stage: "",
    });
  });
});
