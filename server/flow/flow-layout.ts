/**
 * A layered left-to-right layout for a small directed graph: each node's layer is the longest
 * path to it from a root, ignoring back edges (the retry-processor feeding `updates` again), and
 * each layer is centred vertically. A node placed `under` another (the retry and dead-letter
 * branch) takes that node's layer in a lane below the main one, which keeps the drawing as wide as
 * the main path. Enough for a pipeline of tens of nodes; no crossing minimisation beyond keeping
 * the caller's node order within a layer.
 */
export type LayoutNode = { id: string; under?: string };
export type LayoutOptions = {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
  padding: number;
};
export type Positioned = { x: number; y: number; layer: number };
export type Layout = { positions: Map<string, Positioned>; width: number; height: number; backEdges: Set<string> };

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 150, nodeHeight: 58, columnGap: 70, rowGap: 18, padding: 16 };

export function layoutFlow(
  nodes: ReadonlyArray<LayoutNode>,
  allEdges: ReadonlyArray<{ id: string; from: string; to: string }>,
  options: LayoutOptions = DEFAULT_LAYOUT,
): Layout {
  const branch = new Map(nodes.filter((n) => n.under).map((n) => [n.id, n.under!]));
  const nodeIds = nodes.filter((n) => !n.under).map((n) => n.id);
  const edges = allEdges.filter((e) => !branch.has(e.from) && !branch.has(e.to));
  const outgoing = new Map<string, Array<{ id: string; to: string }>>(nodeIds.map((id) => [id, []]));
  for (const e of edges) outgoing.get(e.from)?.push({ id: e.id, to: e.to });

  // Depth-first search in node order: an edge to a node still on the stack closes a cycle.
  const backEdges = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const visit = (id: string) => {
    state.set(id, "open");
    for (const e of outgoing.get(id) ?? []) {
      const s = state.get(e.to);
      if (s === "open") backEdges.add(e.id);
      else if (s === undefined) visit(e.to);
    }
    state.set(id, "done");
  };
  for (const id of nodeIds) if (!state.has(id)) visit(id);

  const layer = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const forward = edges.filter((e) => !backEdges.has(e.id) && layer.has(e.from) && layer.has(e.to));
  // Longest path by relaxation: at most |V| rounds on an acyclic graph.
  for (let round = 0; round < nodeIds.length; round++) {
    let changed = false;
    for (const e of forward) {
      const candidate = layer.get(e.from)! + 1;
      if (candidate > layer.get(e.to)!) {
        layer.set(e.to, candidate);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const place = (ids: string[], lane: "main" | "branch") => {
    const layers: string[][] = [];
    for (const id of ids) {
      const at = lane === "main" ? layer.get(id) : layer.get(branch.get(id)!);
      if (at !== undefined) (layers[at] ??= []).push(id);
    }
    return layers;
  };
  const mainLayers = place(nodeIds, "main");
  const branchLayers = place([...branch.keys()], "branch");
  // Layers are sparse (the branch lane starts mid-way): count only the columns that have nodes.
  const rows = (layers: string[][]) => Math.max(0, ...layers.filter(Boolean).map((l) => l.length));
  const mainRows = Math.max(1, rows(mainLayers));
  const branchRows = rows(branchLayers);
  const rowHeight = options.nodeHeight + options.rowGap;
  const height =
    options.padding * 2 + (mainRows + branchRows) * rowHeight - options.rowGap + (branchRows ? options.rowGap * 2 : 0);
  const positions = new Map<string, Positioned>();
  const put = (layers: string[][], top: number, tallest: number) =>
    layers.forEach((ids, index) => {
      if (!ids) return;
      const first = top + ((tallest - ids.length) * rowHeight) / 2;
      ids.forEach((id, row) =>
        positions.set(id, {
          x: options.padding + index * (options.nodeWidth + options.columnGap),
          y: first + row * rowHeight,
          layer: index,
        }),
      );
    });
  put(mainLayers, options.padding, mainRows);
  put(branchLayers, options.padding + mainRows * rowHeight + options.rowGap * 2, branchRows);
  const width = options.padding * 2 + mainLayers.length * (options.nodeWidth + options.columnGap) - options.columnGap;
  return { positions, width, height, backEdges };
}
