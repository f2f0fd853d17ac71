import { describe, expect, it } from "vitest";
import { DEFAULT_LAYOUT, layoutFlow } from "./flow-layout";

const e = (from: string, to: string) => ({ id: `${from}->${to}`, from, to });
const n = (...ids: string[]) => ids.map((id) => ({ id }));

describe("layoutFlow", () => {
  it("places nodes left to right by longest path and centres each layer", () => {
    const layout = layoutFlow(n("a", "b1", "b2", "c"), [e("a", "b1"), e("a", "b2"), e("b1", "c"), e("b2", "c")]);
    expect(layout.positions.get("a")!.layer).toBe(0);
    expect(layout.positions.get("b1")!.layer).toBe(1);
    expect(layout.positions.get("c")!.layer).toBe(2);
    const [b1, b2, a] = [layout.positions.get("b1")!, layout.positions.get("b2")!, layout.positions.get("a")!];
    expect(b2.y).toBeGreaterThan(b1.y);
    expect(a.y + DEFAULT_LAYOUT.nodeHeight / 2).toBeCloseTo((b1.y + b2.y + DEFAULT_LAYOUT.nodeHeight) / 2);
    expect(layout.width).toBe(DEFAULT_LAYOUT.padding * 2 + 3 * DEFAULT_LAYOUT.nodeWidth + 2 * DEFAULT_LAYOUT.columnGap);
  });

  it("ignores a back edge (retry feeding updates again) instead of looping", () => {
    const layout = layoutFlow(n("updates", "proc", "retry", "retry-proc"), [
      e("updates", "proc"),
      e("proc", "retry"),
      e("retry", "retry-proc"),
      e("retry-proc", "updates"),
    ]);
    expect([...layout.backEdges]).toEqual(["retry-proc->updates"]);
    expect(layout.positions.get("retry-proc")!.layer).toBe(3);
  });

  it("uses the longest path, so a DLQ fed from two depths sits after both", () => {
    const layout = layoutFlow(n("p", "r", "rp", "dlq"), [e("p", "dlq"), e("p", "r"), e("r", "rp"), e("rp", "dlq")]);
    expect(layout.positions.get("dlq")!.layer).toBe(3);
  });

  it("puts branch nodes in a lane below, in the column of the node they sit under", () => {
    const nodes = [
      { id: "updates" },
      { id: "proc" },
      { id: "target" },
      { id: "retry", under: "proc" },
      { id: "retry-proc", under: "updates" },
      { id: "dlq", under: "target" },
    ];
    const edges = [
      e("updates", "proc"),
      e("proc", "target"),
      e("proc", "retry"),
      e("retry", "retry-proc"),
      e("retry-proc", "updates"),
      e("retry-proc", "dlq"),
    ];
    const layout = layoutFlow(nodes, edges);
    const at = (id: string) => layout.positions.get(id)!;
    expect([at("retry").layer, at("retry-proc").layer, at("dlq").layer]).toEqual([1, 0, 2]);
    expect(at("retry").y).toBeGreaterThan(at("proc").y + DEFAULT_LAYOUT.nodeHeight);
    expect(layout.width).toBe(DEFAULT_LAYOUT.padding * 2 + 3 * DEFAULT_LAYOUT.nodeWidth + 2 * DEFAULT_LAYOUT.columnGap);
  });

  it("keeps every position a number when the branch lane starts after the first columns", () => {
    const nodes = [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "x", under: "c" }];
    const layout = layoutFlow(nodes, [e("a", "b"), e("b", "c"), e("c", "x")]);
    expect(layout.positions.get("x")).toMatchObject({ layer: 2 });
    expect(Number.isFinite(layout.positions.get("x")!.y)).toBe(true);
    expect(Number.isFinite(layout.height)).toBe(true);
  });
});
