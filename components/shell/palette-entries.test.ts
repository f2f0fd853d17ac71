import { describe, expect, it } from "vitest";
import { matchEntries } from "@/server/palette/hits";
import { paletteEntries } from "./palette-entries";

describe("paletteEntries", () => {
  it("offers only the pages and actions the viewer may use", () => {
    const viewerEntries = paletteEntries((p) => p === "lag.read" || p === "flow.read");
    expect(viewerEntries.map((e) => e.label)).toEqual(["Health", "Flow", "Lag", "Alerts"]);
    const all = paletteEntries(() => true);
    expect(all.filter((e) => e.kind === "action").map((e) => e.href)).toContain("/tenants/new");
    expect(all.filter((e) => e.kind === "page")).toHaveLength(10);
  });
});

describe("matchEntries", () => {
  const entries = paletteEntries(() => true);

  it("ranks a label that starts with the query first, then a word that does, then any match", () => {
    expect(
      matchEntries(entries, "a")
        .slice(0, 3)
        .map((e) => e.label),
    ).toEqual(["Alerts", "Admin", "Audit"]);
    expect(matchEntries(entries, "roll")[0]!.label).toBe("Roll out, scale or roll back");
    expect(matchEntries(entries, "dead")[0]!.label).toBe("Replay dead letters");
    expect(matchEntries(entries, "consumer lag").map((e) => e.label)).toEqual(["Lag"]);
  });

  it("finds nothing for a query nothing contains, and everything (up to the limit) for an empty one", () => {
    expect(matchEntries(entries, "zzz")).toEqual([]);
    expect(matchEntries(entries, "  ", 5)).toHaveLength(5);
  });
});
