/**
 * Where a parsed JSON body carries U+0000, in a key or a string: Postgres text cannot store it, so a
 * body with one is refused at the edge (400 naming the field) instead of failing inside a query.
 * Walks with its own stack, not recursion: JSON.parse accepts nesting deeper than the call stack. Pure.
 */
type Node = { value: unknown; key: string | null; parent: Node | null };

function pathOf(node: Node, lastKey?: string): string {
  const keys: string[] = lastKey === undefined ? [] : [lastKey];
  for (let n: Node | null = node; n && n.key !== null; n = n.parent) keys.unshift(n.key);
  return keys.join(".") || "body";
}

export function nulPath(value: unknown): string | null {
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return pathOf(node);
    } else if (v !== null && typeof v === "object") {
      const entries = Array.isArray(v) ? v.map((child, i) => [String(i), child] as const) : Object.entries(v);
      for (const [key] of entries) {
        if (key.includes("\u0000")) return pathOf(node, key.replaceAll("\u0000", "\\0"));
      }
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
    }
  }
  return null;
}
