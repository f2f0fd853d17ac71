/**
 * Reading and writing a view's filters in its URL, so a filtered view can be shared by link. Pure.
 * A value that is not one the view knows is dropped (the view falls back to its default), never an
 * error: a link typed by hand or from an older console must still open the page.
 */

/** The first value of `key`, trimmed and at most `max` characters with no control characters; "" when absent or unusable. */
export function textParam(params: URLSearchParams, key: string, max = 200): string {
  const value = params.get(key)?.trim() ?? "";
  if (value.length > max || /[\u0000-\u001f\u007f]/.test(value)) return "";
  return value;
}

/** `key` when it is one of `allowed`, else `fallback`. */
export function enumParam<T extends string>(
  params: URLSearchParams,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = params.get(key);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A whole number from 1 to `max`, else `fallback`. */
export function pageParam(params: URLSearchParams, key: string, fallback = 1, max = 1_000_000): number {
  const value = params.get(key);
  if (value === null || !/^\d{1,7}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= 1 && n <= max ? n : fallback;
}

/** The query string of `values` in their given order, leaving out "" and values equal to their default. */
export function toQuery(
  values: Record<string, string | number>,
  defaults: Record<string, string | number> = {},
): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === "" || value === defaults[key]) continue;
    out.set(key, String(value));
  }
  return out.toString();
}
