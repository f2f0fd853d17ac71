import { describe, expect, it } from "vitest";
import { createStopSignal, runClaimLoop } from "./claim-loop";

describe("runClaimLoop", () => {
  it("goes straight on while ticks find work, sleeps when they do not, and a stop cuts the sleep short", async () => {
    const signal = createStopSignal();
    const work = [true, true, false];
    let ticks = 0;
    const loop = runClaimLoop(signal, {
      tick: async () => (ticks++, work.shift() ?? false),
      pollMs: 60_000,
      onError: () => {},
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ticks).toBe(3); // two with work, one without, then asleep for a minute
    const stoppedAt = Date.now();
    signal.stop();
    await loop;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(ticks).toBe(3);
  });

  it("reports a failed tick and keeps polling", async () => {
    const signal = createStopSignal();
    const errors: unknown[] = [];
    let ticks = 0;
    const loop = runClaimLoop(signal, {
      tick: async () => {
        ticks++;
        if (ticks === 1) throw new Error("database restarting");
        if (ticks === 2) signal.stop();
        return false;
      },
      pollMs: 1,
      onError: (error) => errors.push(error),
    });
    await loop;
    expect(ticks).toBe(2);
    expect(errors.map(String)).toEqual(["Error: database restarting"]);
  });

  it("wakes every sleeper on stop, and a sleep after the stop returns at once", async () => {
    const signal = createStopSignal();
    const sleeps = Promise.all([signal.sleep(60_000), signal.sleep(60_000)]);
    signal.stop();
    await sleeps;
    await signal.sleep(60_000);
    expect(signal.stopped).toBe(true);
  });
});
