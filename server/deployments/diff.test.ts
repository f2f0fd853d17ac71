import { describe, expect, it } from "vitest";
import { diffRevisions } from "./diff";

describe("diffRevisions", () => {
  it("lists every field of a first revision", () => {
    expect(diffRevisions(null, { version: "1.0", replicas: 1, config: { A: "1" } })).toEqual([
      { field: "version", from: null, to: "1.0" },
      { field: "replicas", from: null, to: 1 },
      { field: "config.A", from: null, to: "1" },
    ]);
  });

  it("names only what changed, config keys added and removed included", () => {
    const before = { version: "1.0", replicas: 1, config: { A: "1", B: "2" } };
    expect(diffRevisions(before, { version: "1.0", replicas: 3, config: { A: "1", C: "3" } })).toEqual([
      { field: "replicas", from: 1, to: 3 },
      { field: "config.B", from: "2", to: null },
      { field: "config.C", from: null, to: "3" },
    ]);
    expect(diffRevisions(before, before)).toEqual([]);
  });
});
