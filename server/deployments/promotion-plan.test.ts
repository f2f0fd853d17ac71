import { describe, expect, it } from "vitest";
import { planPromotion, type StageRevision } from "./promotion-plan";

const STAGES = ["cdc-processor", "update-processor"];
const rev = (revision: number, over: Partial<StageRevision> = {}): StageRevision => ({
  revision,
  state: "SUCCEEDED",
  version: "1.4.0",
  replicas: 2,
  config: { CONSUMER_CONCURRENCY: "4" },
  ...over,
});
const plan = (source: Array<[string, StageRevision]>, destination: Array<[string, StageRevision]> = []) =>
  planPromotion({
    target: "acme",
    from: "staging",
    to: "production",
    stages: STAGES,
    source: new Map(source),
    destination: new Map(destination),
  });

describe("planPromotion", () => {
  it("carries each stage's version and settings, keeping the destination's replicas where it runs", () => {
    expect(
      plan(
        [
          ["cdc-processor", rev(5)],
          ["update-processor", rev(7, { version: "1.5.0" })],
        ],
        [["update-processor", rev(3, { version: "1.3.0", replicas: 6 })]],
      ),
    ).toEqual({
      ok: true,
      stages: [
        {
          stage: "cdc-processor",
          fromRevision: 5,
          version: "1.4.0",
          config: { CONSUMER_CONCURRENCY: "4" },
          replicas: 2,
        },
        {
          stage: "update-processor",
          fromRevision: 7,
          version: "1.5.0",
          config: { CONSUMER_CONCURRENCY: "4" },
          replicas: 6,
        },
      ],
    });
  });

  it("skips a stage the destination already runs the same way, and refuses when nothing differs", () => {
    const same = plan(
      [
        ["cdc-processor", rev(5)],
        ["update-processor", rev(7)],
      ],
      [["cdc-processor", rev(2, { replicas: 1 })]],
    );
    expect(same.ok && same.stages.map((s) => s.stage)).toEqual(["update-processor"]);
    expect(
      plan(
        [
          ["cdc-processor", rev(5)],
          ["update-processor", rev(7)],
        ],
        [
          ["cdc-processor", rev(2)],
          ["update-processor", rev(3)],
        ],
      ),
    ).toEqual({ ok: false, reason: "production already runs what staging runs for acme" });
  });

  it("refuses the whole promotion when any stage has not settled in the source", () => {
    const ok: [string, StageRevision] = ["cdc-processor", rev(5)];
    expect(plan([ok, ["update-processor", rev(8, { state: "ROLLING_OUT" })]])).toEqual({
      ok: false,
      reason: "staging's update-processor revision 8 is ROLLING_OUT: promote only what succeeded",
    });
    expect(plan([ok, ["update-processor", rev(8, { state: "FAILED" })]]).ok).toBe(false);
    expect(plan([ok, ["update-processor", rev(8, { replicas: 0 })]])).toEqual({
      ok: false,
      reason: "staging's update-processor revision 8 is stopped: nothing runs there to promote",
    });
    expect(plan([ok])).toEqual({ ok: false, reason: "acme has no update-processor deployment in staging" });
  });

  it("refuses promoting an environment to itself", () => {
    expect(
      planPromotion({ target: "acme", from: "a", to: "a", stages: STAGES, source: new Map(), destination: new Map() }),
    ).toEqual({ ok: false, reason: "promote from a to another environment" });
  });
});
