import type pg from "pg";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log/logger";
import type { Heartbeat } from "./heartbeat";
import { FairShareGate } from "./fair-share";
import { holdThroughOutage } from "./hold-through-outage";

/** A pool whose connections answer `work`'s queries; `failFirst` connects fail as a dropped database does. */
function fakePool(failFirst = 0) {
  let failures = failFirst;
  const client = { on: () => {}, off: () => {}, release: () => {} } as unknown as pg.PoolClient;
  return {
    connect: async () => {
      if (failures-- > 0) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      return client;
    },
  } as unknown as pg.Pool;
}

const payload = { isRunning: () => true, isStale: () => false, heartbeat: async () => {} };
const heartbeat = { recordError: () => {} } as unknown as Heartbeat;
const logger = createLogger({ component: "processor" }, { env: { LOG_LEVEL: "fatal" } });

describe("holdThroughOutage", () => {
  it("holds the tenant's database slot while its work runs, and only then", async () => {
    const gate = new FairShareGate(1);
    const dbSlot = () => gate.acquire("acme");
    let heldDuringWork = 0;
    const result = await holdThroughOutage({ pool: fakePool(), heartbeat, logger, dbSlot }, payload, async () => {
      heldDuringWork = gate.holdings().get("acme") ?? 0;
      return 7;
    });
    expect(result).toEqual({ value: 7 });
    expect(heldDuringWork).toBe(1);
    expect(gate.holdings().get("acme") ?? 0).toBe(0);
  });

  it("gives the slot back while it waits out a database outage, so the pool's other tenants keep theirs", async () => {
    const gate = new FairShareGate(1);
    const holdings: number[] = [];
    const pending = holdThroughOutage(
      { pool: fakePool(1), heartbeat, logger, dbSlot: () => gate.acquire("acme") },
      payload,
      async () => "applied",
    );
    // during the backoff after the first failed connect, another tenant gets the only slot at once
    await new Promise((resolve) => setTimeout(resolve, 50));
    const release = await gate.acquire("globex");
    holdings.push(gate.holdings().get("acme") ?? 0);
    release();
    await expect(pending).resolves.toEqual({ value: "applied" });
    expect(holdings).toEqual([0]);
  });
});
