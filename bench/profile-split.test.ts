import { describe, expect, it } from "vitest";
import { partOf, splitLines, splitProfile, type CpuProfile } from "./profile-split";

const frame = (functionName: string, url = "") => ({ functionName, url });

describe("partOf", () => {
  it("names the parts by library and by file", () => {
    expect(partOf(frame("decode", "file:///r/node_modules/kafkajs/src/protocol/recordBatch/v0/index.js"))).toBe(
      "kafkajs decode",
    );
    expect(partOf(frame("commitOffsets", "file:///r/node_modules/kafkajs/src/consumer/offsetManager/index.js"))).toBe(
      "commits",
    );
    expect(partOf(frame("fetch", "file:///r/node_modules/kafkajs/src/consumer/consumerGroup.js"))).toBe(
      "kafkajs client",
    );
    expect(partOf(frame("_parse", "file:///r/node_modules/zod/v4/core/schemas.js"))).toBe("validation (zod)");
    expect(partOf(frame("serialize", "file:///r/node_modules/pg-protocol/dist/serializer.js"))).toBe("SQL (pg driver)");
    expect(partOf(frame("planBatch", "file:///r/pipeline/update-processor/plan.ts"))).toBe("planning");
    expect(partOf(frame("parse"))).toBe("JSON");
    expect(partOf(frame("(garbage collector)"))).toBe("GC");
    expect(partOf(frame("(idle)"))).toBe("idle (waiting on Kafka/Postgres)");
    expect(partOf(frame("compile", "file:///r/node_modules/tsx/dist/register-B1c7OH6V.cjs"))).toBe(
      "startup (module loading)",
    );
    expect(partOf(frame("wrapSafe", "node:internal/modules/cjs/loader"))).toBe("startup (module loading)");
    expect(partOf(frame("toString"))).toBeUndefined();
  });
});

describe("splitProfile", () => {
  // root → planBatch → zod parse; root → decodeUpdate(plan.ts) → toString (builtin: inherits planning); idle
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 5] },
      { id: 2, callFrame: frame("decodeUpdate", "file:///r/pipeline/update-processor/plan.ts"), children: [3, 4] },
      { id: 3, callFrame: frame("safeParse", "file:///r/node_modules/zod/v4/classic/parse.js") },
      { id: 4, callFrame: frame("toString") },
      { id: 5, callFrame: frame("(idle)") },
    ],
    samples: [3, 3, 4, 2, 5],
    timeDeltas: [100, 200, 300, 400, 1000],
  };

  it("gives each sample's time to the nearest frame that names a part", () => {
    const split = splitProfile(profile);
    expect(split.get("validation (zod)")).toBe(300);
    expect(split.get("planning")).toBe(700);
    expect(split.get("idle (waiting on Kafka/Postgres)")).toBe(1000);
    expect(split.get("other")).toBe(0);
  });

  it("reports shares of the busy time and idle apart", () => {
    const lines = splitLines(splitProfile(profile));
    expect(lines.find((l) => l.startsWith("planning"))).toMatch(/70\.0%$/);
    expect(lines.at(-1)).toMatch(/idle \(waiting on Kafka\/Postgres\) 0\.00 s = 50\.0%/);
  });
});
