import { describe, expect, it } from "vitest";
import { fewestMembers, pooledLastBeat, servedTenants, targetGroups } from "./pool-view";

const placed = [
  { slug: "northwind-rx", placement: "pool-demo", processorsRunning: true },
  { slug: "acme-health", placement: "pool-demo", processorsRunning: true },
  { slug: "initech", placement: "pool-demo", processorsRunning: false },
  { slug: "globex-care", placement: "dedicated", processorsRunning: true },
];
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("servedTenants", () => {
  it("is a pool's tenants whose processors should run, sorted, and a dedicated target's own tenant", () => {
    expect(servedTenants("pool-demo", placed)).toEqual(["acme-health", "northwind-rx"]);
    expect(servedTenants("globex-care", placed)).toEqual(["globex-care"]);
    expect(servedTenants("pool-empty", placed)).toEqual([]);
  });
});

describe("targetGroups and fewestMembers", () => {
  it("has one group per tenant; the target has the fewest members any sampled group has", () => {
    const groups = targetGroups(
      ["acme-health", "northwind-rx", "initech"],
      "update-processor",
      new Map([
        ["sync.acme-health.update-processor", 2],
        ["sync.northwind-rx.update-processor", 1],
      ]),
    );
    expect(groups).toEqual([
      { tenant: "acme-health", groupId: "sync.acme-health.update-processor", members: 2 },
      { tenant: "northwind-rx", groupId: "sync.northwind-rx.update-processor", members: 1 },
      { tenant: "initech", groupId: "sync.initech.update-processor", members: null },
    ]);
    expect(fewestMembers(groups)).toBe(1);
    expect(fewestMembers(groups.filter((g) => g.members === null))).toBeNull();
  });
});

describe("pooledLastBeat", () => {
  const instance = { instanceId: "local.pool-demo.update-processor.1", startedAt: at(0) };
  it("is the stalest of the process' beat and its tenants' beats of this run", () => {
    const beats = [
      { instanceId: instance.instanceId, lastBeatAt: at(50) },
      { instanceId: `${instance.instanceId}/acme-health`, lastBeatAt: at(48) },
      { instanceId: `${instance.instanceId}/northwind-rx`, lastBeatAt: at(20) },
      // another replica's and an earlier run's beats do not count
      { instanceId: "local.pool-demo.update-processor.10/acme-health", lastBeatAt: at(1) },
      { instanceId: `${instance.instanceId}/moved-away`, lastBeatAt: new Date(at(0).getTime() - 60_000) },
    ];
    expect(pooledLastBeat(instance, beats)).toEqual(at(20));
  });
  it("is null while the process never beat, and the process' beat before any tenant beats", () => {
    expect(
      pooledLastBeat(instance, [{ instanceId: `${instance.instanceId}/acme-health`, lastBeatAt: at(5) }]),
    ).toBeNull();
    expect(pooledLastBeat(instance, [{ instanceId: instance.instanceId, lastBeatAt: at(5) }])).toEqual(at(5));
  });
});
