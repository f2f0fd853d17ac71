import type { z } from "zod";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** One documented operation: everything in it that has a shape is a zod schema the server uses. */
export type OperationSpec = {
  method: Method;
  path: string;
  /** unique across the API; also the key of the response check in the browser tests */
  operationId: string;
  summary: string;
  tag: string;
  /** the route's query-string schema (a zod object); each property becomes a typed query parameter */
  query?: z.ZodObject;
  /** the route's body schema; `optional` when an empty body means `{}` */
  body?: { schema: z.ZodType; optional?: boolean };
  /** the success answer: a JSON schema, or another content type described in words */
  ok:
    | { status?: 200 | 201 | 202; schema: z.ZodType; description: string }
    | { status?: 200; contentType: string; description: string };
  /** no session needed (`[]`), or another scheme */
  security?: Array<Record<string, string[]>>;
  /** answers besides the ones every signed-in route can give (derived from the method, path and body) */
  extraErrors?: number[];
  /** this route does not go through the API wrapper: only these error answers apply */
  onlyErrors?: number[];
  /** other answers with their own schema (readiness's 503) */
  otherResponses?: Record<string, { description: string; schema: z.ZodType }>;
};

/** Path parameters, by name, in words. */
export const PATH_PARAMETERS: Record<string, string> = {
  slug: "tenant slug: 3-40 lowercase letters, digits or dashes, starting with a letter (otherwise 400); a tenant the caller does not see answers 404 like a missing one",
  memberId: "member id",
  groupId: "consumer group id",
  runId: "reconciliation run id (uuid)",
  jobId: "replay job id",
  sessionId: "session id",
  nextauth: "next-auth action (session, csrf, providers, signin, signout, callback, error)",
};

/** `id` names a different thing under each collection. */
export function idDescription(path: string): string {
  if (path.startsWith("/api/deployments/")) return "deployment id (uuid)";
  if (path.startsWith("/api/environments/")) return "environment id";
  if (path.startsWith("/api/admin/clusters/")) return "Kafka cluster name";
  if (path.startsWith("/api/admin/environments/")) return "environment id";
  if (path.startsWith("/api/users/")) return "user id (uuid)";
  if (path.startsWith("/api/alerts/rules/")) return "rule id (uuid)";
  if (path.includes("/dlq/")) return "dead-letter record id";
  return "id";
}
