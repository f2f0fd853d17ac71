/**
 * Where a parsed JSON body carries U+0000, in a key or a string: Postgres text cannot store it, so a
 * body with one is refused at the edge (400 naming the field) instead of failing inside a query. Pure.
 */
export function nulPath(value: unknown, path: string[] = []): string | null {
  const here = () => path.join(".") || "body";
  if (typeof value === "string") return value.includes("\u0000") ? here() : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\0")].join(".");
      const found = nulPath(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
