import { describe, expect, it } from "vitest";
import {
  addChunk,
  chunkDiffers,
  combineDigests,
  confirmedProgress,
  differenceRows,
  differingCount,
  persistingDifferences,
  planChunks,
  runPercent,
  startProgress,
  type DifferenceRow,
} from "./chunks";
import { compareEntities } from "./compare";

describe("planChunks", () => {
  it("cuts at the boundaries, open below the first and above the last", () => {
    expect(planChunks(["m-3", "m-7"])).toEqual([
      { after: null, upTo: "m-3" },
      { after: "m-3", upTo: "m-7" },
      { after: "m-7", upTo: null },
    ]);
  });

  it("is one unbounded range for a small (or empty) table", () => {
    expect(planChunks([])).toEqual([{ after: null, upTo: null }]);
  });
});

describe("chunkDiffers", () => {
  it("differs on count or digest", () => {
    expect(chunkDiffers({ count: 2, digest: "a" }, { count: 2, digest: "a" })).toBe(false);
    expect(chunkDiffers({ count: 2, digest: "a" }, { count: 2, digest: "b" })).toBe(true);
    expect(chunkDiffers({ count: 2, digest: "a" }, { count: 3, digest: "a" })).toBe(true);
  });
});

describe("progress", () => {
  const e = (id: string, version: number) => ({ id, version: String(version) });

  it("adds counts and classified differences per chunk", () => {
    let p = startProgress(2);
    p = addChunk(p, { count: 2, digest: "x" }, { count: 2, digest: "x" }, null);
    const compared = compareEntities([e("a", 1), e("b", 2)], [e("b", 1), e("c", 1)]);
    p = addChunk(p, { count: 2, digest: "y" }, { count: 2, digest: "z" }, compared);
    expect(p).toMatchObject({
      chunks: 2,
      chunksDone: 2,
      sourceCount: 4,
      targetCount: 4,
      missing: 1,
      extra: 1,
      different: 1,
    });
    expect(differingCount(p)).toBe(3);
  });

  it("reaches 100 % only when every chunk of every entity is done", () => {
    const members = { ...startProgress(3), chunksDone: 3 };
    expect(runPercent({ members, claims: { ...startProgress(1), chunksDone: 0 } })).toBe(75);
    expect(runPercent({ members, claims: { ...startProgress(200), chunksDone: 199 } })).toBe(99);
    expect(runPercent({ members, claims: { ...startProgress(1), chunksDone: 1 } })).toBe(100);
    expect(runPercent({})).toBe(0);
  });

  it("checksums the digests in order", () => {
    expect(combineDigests(["a", "b"])).toBe(combineDigests(["a", "b"]));
    expect(combineDigests(["a", "b"])).not.toBe(combineDigests(["b", "a"]));
    expect(combineDigests(["ab"])).not.toBe(combineDigests(["a", "b"]));
  });
});

describe("differenceRows", () => {
  it("classifies each differing id and names its member from the side that has it", () => {
    const source = [
      { id: "c-1", version: "2", member: "m-1" },
      { id: "c-2", version: "3", member: "m-2" },
    ];
    const target = [
      { id: "c-2", version: "1", member: "m-2" },
      { id: "c-9", version: "4", member: "m-9" },
    ];
    const compared = compareEntities(source, target, Number.POSITIVE_INFINITY);
    expect(differenceRows(compared, source, target)).toEqual([
      { entityId: "c-1", kind: "missing", memberId: "m-1", sourceVersion: "2", targetVersion: null },
      { entityId: "c-9", kind: "extra", memberId: "m-9", sourceVersion: null, targetVersion: "4" },
      { entityId: "c-2", kind: "different", memberId: "m-2", sourceVersion: "3", targetVersion: "1" },
    ]);
  });
});

describe("the second reading", () => {
  const row = (entityId: string, kind: DifferenceRow["kind"]): DifferenceRow => ({
    entityId,
    kind,
    memberId: entityId,
    sourceVersion: kind === "extra" ? null : "2",
    targetVersion: kind === "missing" ? null : "1",
  });

  it("keeps ids that differ in both readings, with the second reading's kind", () => {
    const first = new Set(["m-1", "m-2", "m-3"]);
    // m-1 caught up (in flight), m-2 still missing but now behind, m-3 unchanged, m-9 is a newer change in flight
    const second = [row("m-2", "different"), row("m-3", "missing"), row("m-9", "missing")];
    expect(persistingDifferences(first, second).map((r) => [r.entityId, r.kind])).toEqual([
      ["m-2", "different"],
      ["m-3", "missing"],
    ]);
  });

  it("replaces the counts with the confirmed ones and says how many settled", () => {
    const scanned = { ...startProgress(2), chunksDone: 2, missing: 2, extra: 1, different: 0 };
    const confirmed = confirmedProgress(scanned, 3, [row("m-3", "missing")]);
    expect(confirmed).toMatchObject({ missing: 1, extra: 0, different: 0, settled: 2, chunksDone: 2 });
    expect(differingCount(confirmed)).toBe(1);
  });
});
