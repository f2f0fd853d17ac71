/**
 * A DLQ payload as shown to someone without `entity.read_unmasked`: member names, date of birth
 * and street address masked with the entity masking rules, wherever they appear in the JSON
 * (canonical updates carry them in `data`, Debezium envelopes in `before`/`after`). A payload that
 * is not JSON cannot be inspected, so it is withheld entirely. Pure.
 */
import { maskDateOfBirth, maskName, maskStreet, maskTrailing } from "@/server/lookup/masking";

const RULES: Record<string, (value: string) => string | null> = {
  firstName: maskName,
  lastName: maskName,
  first_name: maskName,
  last_name: maskName,
  name: maskName,
  dateOfBirth: maskDateOfBirth,
  date_of_birth: maskDateOfBirth,
  addressLine: maskStreet,
  address_line: maskStreet,
  postalCode: (v) => v.slice(0, 3) + "•".repeat(Math.max(v.length - 3, 0)),
  postal_code: (v) => v.slice(0, 3) + "•".repeat(Math.max(v.length - 3, 0)),
  phone: (v) => maskTrailing(v),
  email: (v) => maskTrailing(v, 0),
};

function maskValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValue);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const rule = RULES[k];
      if (rule && typeof v === "string") return [k, rule(v)];
      if (rule && typeof v === "number") return [k, rule(String(v))];
      return [k, maskValue(v)];
    }),
  );
}

export type ShownPayload =
  | { format: "json"; value: unknown }
  | { format: "text"; value: string }
  | { format: "withheld"; reason: string }
  | { format: "empty" };

export function showPayload(payload: Buffer | null, unmasked: boolean): ShownPayload {
  if (payload === null) return { format: "empty" };
  const text = payload.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return unmasked
      ? { format: "text", value: text.slice(0, 100_000) }
      : { format: "withheld", reason: "the payload is not JSON, so health data in it cannot be masked" };
  }
  return { format: "json", value: unmasked ? json : maskValue(json) };
}
