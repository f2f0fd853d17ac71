import { describe, expect, it } from "vitest";
import { checksum, compareEntities } from "./compare";

const e = (id: string, version: string | number) => ({ id, version: String(version) });

describe("compareEntities", () => {
  it("reports equal sides as in sync with equal checksums, whatever the row order", () => {
    const result = compareEntities([e("b", 2), e("a", 1)], [e("a", 1), e("b", 2)]);
    expect(result).toMatchObject({
      sourceCount: 2,
      targetCount: 2,
      inSync: true,
      missing: [],
      extra: [],
      versionDiffers: [],
      truncated: false,
    });
    expect(result.sourceChecksum).toBe(result.targetChecksum);
  });

  it("lists missing, extra and version differences", () => {
    const result = compareEntities([e("a", 1), e("b", 3), e("c", 1)], [e("b", 2), e("c", 1), e("d", 5)]);
    expect(result).toMatchObject({
      inSync: false,
      missing: ["a"],
      extra: ["d"],
      versionDiffers: [{ id: "b", sourceVersion: "3", targetVersion: "2" }],
      missingCount: 1,
      extraCount: 1,
      versionDiffersCount: 1,
    });
    expect(result.sourceChecksum).not.toBe(result.targetChecksum);
  });

  it("cuts long lists at the limit but keeps the full counts", () => {
    const source = Array.from({ length: 5 }, (_, i) => e(`m-${i}`, 1));
    expect(compareEntities(source, [], 2)).toMatchObject({ missing: ["m-0", "m-1"], missingCount: 5, truncated: true });
  });

  it("checksums ids and versions so that neither can shift into the other", () => {
    expect(checksum([e("a1", 1)])).not.toBe(checksum([e("a", 11)]));
  });
});
