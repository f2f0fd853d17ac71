import { describe, expect, it } from "vitest";
import { compareEntities } from "./compare";
import type { TenantReconciliation } from "./reconcile";
import { outcomeLines, reconcileExitCode, type TenantOutcome } from "./summary";

const rows = (...ids: Array<[string, string]>) => ids.map(([id, version]) => ({ id, version }));

function result(
  tenant: string,
  source: Array<[string, string]>,
  target: Array<[string, string]>,
): TenantReconciliation {
  const members = compareEntities(rows(...source), rows(...target));
  const claims = compareEntities([], []);
  return { tenant, checkedAt: "2026-12-04T00:00:00.000Z", inSync: members.inSync && claims.inSync, members, claims };
}

describe("reconcile summary", () => {
  const inSync: TenantOutcome = { tenant: "acme", result: result("acme", [["M1", "1"]], [["M1", "1"]]) };
  const drift: TenantOutcome = {
    tenant: "globex",
    result: result(
      "globex",
      [
        ["M1", "2"],
        ["M2", "1"],
      ],
      [
        ["M1", "1"],
        ["M9", "1"],
      ],
    ),
  };

  it("prints one line per tenant and entity, with the kinds of drift and examples", () => {
    expect(outcomeLines(inSync)).toEqual([
      "acme: in sync",
      "  members: in sync (1 in source and target)",
      "  claims: in sync (0 in source and target)",
    ]);
    expect(outcomeLines(drift)).toEqual([
      "globex: DRIFT",
      "  members: DRIFT — 1 missing in the target, 1 only in the target, 1 at another version (source 2, target 2); e.g. missing M2, extra M9, M1 v2≠v1",
      "  claims: in sync (0 in source and target)",
    ]);
    expect(outcomeLines({ tenant: "initech", error: "connection refused" })).toEqual([
      "initech: not checked: connection refused",
    ]);
  });

  it("exits 0 only when every tenant was checked and is in sync", () => {
    expect(reconcileExitCode([inSync])).toBe(0);
    expect(reconcileExitCode([])).toBe(0);
    expect(reconcileExitCode([inSync, drift])).toBe(1);
    expect(reconcileExitCode([inSync, { tenant: "initech", error: "connection refused" }])).toBe(1);
  });
});
