/**
 * The response shapes of the API as zod schemas: the OpenAPI document is generated from them, and
 * conformance.ts checks at compile time that the server functions return exactly these shapes.
 * A shape registered with `component` appears once under components/schemas and is referenced.
 */
import { z } from "zod";

export const components = z.registry<{ id: string; description?: string }>();

export function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  components.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** Objects are strict: a field the server sends but the document does not name fails the response check. */
export const obj = z.strictObject;

/** A `Date` the server returns, as JSON renders it. */
export const timestamp = z.iso.datetime().describe("ISO 8601 time, UTC");

/** Any JSON value (stored as JSON by the server: configs, audit before/after, payloads). */
export const json = z.unknown();

export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
] as const;

export const errorBody = component(
  "Error",
  obj({
    error: obj({
      code: z.enum(ERROR_CODES),
      message: z.string().describe("what is wrong, in words"),
      details: json.optional(),
    }),
    requestId: z
      .string()
      .optional()
      .describe("names the request in the server's log and the audit trail (absent only on /api/metrics)"),
  }),
  "Every error answer: a code, a message that says what is wrong, and the request id",
);
