/**
 * Arrow-key moves between the flow graph's nodes, following the drawing: Right/Left to the nearest
 * node in the next/previous column, Down/Up within a column, Home/End to the first/last node in
 * reading order. Pure: positions in, node id (or null when there is nowhere to go) out.
 */
export type NodeAt = { id: string; x: number; y: number; layer: number };

const readingOrder = (a: NodeAt, b: NodeAt) => a.layer - b.layer || a.y - b.y;

function nearest(candidates: NodeAt[], from: NodeAt, layer: number): NodeAt | undefined {
  return candidates.filter((n) => n.layer === layer).sort((a, b) => Math.abs(a.y - from.y) - Math.abs(b.y - from.y))[0];
}

export function nodeForKey(nodes: readonly NodeAt[], currentId: string, key: string): string | null {
  const sorted = [...nodes].sort(readingOrder);
  if (key === "Home") return sorted[0]?.id ?? null;
  if (key === "End") return sorted[sorted.length - 1]?.id ?? null;
  const current = nodes.find((n) => n.id === currentId);
  if (!current) return null;
  const others = nodes.filter((n) => n.id !== currentId);
  switch (key) {
    case "ArrowRight": {
      const right = others.filter((n) => n.layer > current.layer);
      if (right.length === 0) return null;
      return nearest(right, current, Math.min(...right.map((n) => n.layer)))?.id ?? null;
    }
    case "ArrowLeft": {
      const left = others.filter((n) => n.layer < current.layer);
      if (left.length === 0) return null;
      return nearest(left, current, Math.max(...left.map((n) => n.layer)))?.id ?? null;
    }
    case "ArrowDown":
      return others.filter((n) => n.layer === current.layer && n.y > current.y).sort(readingOrder)[0]?.id ?? null;
    case "ArrowUp":
      return (
        others
          .filter((n) => n.layer === current.layer && n.y < current.y)
          .sort(readingOrder)
          .pop()?.id ?? null
      );
    default:
      return null;
  }
}
