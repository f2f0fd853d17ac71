/**
 * Before/after summaries stored with audit events: plain JSON, bounded in size, and never
 * carrying secrets (password hashes, tokens) even when a caller passes a whole record.
 */
const SECRET_KEYS = /pass(word)?|secret|token|hash|credential/i;
const MAX_STRING = 500;
const MAX_KEYS = 50;
const MAX_DEPTH = 4;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function summarizeForAudit(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((item) => summarizeForAudit(item, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value).slice(0, MAX_KEYS)) {
      out[key] = SECRET_KEYS.test(key) ? "[redacted]" : summarizeForAudit(item, depth + 1);
    }
    return out;
  }
  return String(value);
}
