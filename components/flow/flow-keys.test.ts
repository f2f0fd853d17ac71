import { describe, expect, it } from "vitest";
import { nodeForKey, type NodeAt } from "./flow-keys";

// source → cdc → updates → update-processor, with retry and dlq in a lane under updates' column.
const NODES: NodeAt[] = [
  { id: "source", x: 0, y: 50, layer: 0 },
  { id: "cdc", x: 100, y: 50, layer: 1 },
  { id: "updates", x: 200, y: 50, layer: 2 },
  { id: "retry", x: 200, y: 150, layer: 2 },
  { id: "dlq", x: 200, y: 250, layer: 2 },
  { id: "processor", x: 300, y: 50, layer: 3 },
];

describe("nodeForKey", () => {
  it("moves right and left along the columns to the nearest node", () => {
    expect(nodeForKey(NODES, "source", "ArrowRight")).toBe("cdc");
    expect(nodeForKey(NODES, "cdc", "ArrowRight")).toBe("updates");
    expect(nodeForKey(NODES, "dlq", "ArrowRight")).toBe("processor");
    expect(nodeForKey(NODES, "retry", "ArrowLeft")).toBe("cdc");
  });

  it("moves up and down within a column", () => {
    expect(nodeForKey(NODES, "updates", "ArrowDown")).toBe("retry");
    expect(nodeForKey(NODES, "retry", "ArrowDown")).toBe("dlq");
    expect(nodeForKey(NODES, "dlq", "ArrowUp")).toBe("retry");
  });

  it("stops at the edges and jumps with Home and End", () => {
    expect(nodeForKey(NODES, "processor", "ArrowRight")).toBeNull();
    expect(nodeForKey(NODES, "source", "ArrowUp")).toBeNull();
    expect(nodeForKey(NODES, "dlq", "Home")).toBe("source");
    expect(nodeForKey(NODES, "source", "End")).toBe("processor");
    expect(nodeForKey(NODES, "source", "Tab")).toBeNull();
    expect(nodeForKey(NODES, "unknown", "ArrowRight")).toBeNull();
  });
});
