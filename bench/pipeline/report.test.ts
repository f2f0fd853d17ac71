import os from "node:os";
import { describe, expect, it } from "vitest";
import { ceilingPerSecond, floorLine } from "./report";

describe("ceilingPerSecond", () => {
  it("is the updates per second the cores' CPU time covers at the given cost", () => {
    expect(ceilingPerSecond(40, 2)).toBe(50_000);
    expect(ceilingPerSecond(10, 1)).toBe(100_000);
  });
});

describe("floorLine", () => {
  const floor = { readBrokerUs: 1, readClientUs: 3, writeTargetUs: 6, writeWithTrailUs: 16 };

  it("adds the read floor to each write floor for the ceilings on this machine's cores", () => {
    const cores = os.cpus().length;
    const line = floorLine(floor, 30_000, 23_000);
    expect(line).toContain("reading an update 4.0 µs CPU (broker 1.0 µs, bare kafkajs consumer 3.0 µs)");
    expect(line).toContain("6.0 µs (target row only), 16.0 µs (with its event-trail row)");
    expect(line).toContain(`at most ${(cores * 100_000).toLocaleString("en-US")}/s (target rows only)`);
    expect(line).toContain(`${(cores * 50_000).toLocaleString("en-US")}/s (with the trail)`);
    expect(line).toContain("SyncDeck drained 30,000/s; 10× the jdbc sink is 230,000/s");
  });

  it("leaves the sink out when it did not run", () => {
    expect(floorLine(floor, 30_000)).not.toContain("jdbc sink");
  });

  it("says so when the broker's or Postgres' CPU could not be seen", () => {
    expect(floorLine(undefined, 30_000, 23_000)).toMatch(/^floor: not measured/);
  });
});
