/**
 * The OpenAPI 3.1 description of the console's REST API, served at GET /api/openapi.json and shown
 * at /api/docs. Generated from the zod schemas the routes use: request bodies and query strings from
 * the domain modules, responses from ./responses (whose agreement with the server functions
 * responses/conformance.ts checks at compile time). openapi.test.ts compares it with app/api.
 */
import { z } from "zod";
import { idDescription, PATH_PARAMETERS, type OperationSpec } from "./operation";
import { clusterOperations } from "./operations/clusters";
import { deploymentOperations } from "./operations/deployments";
import { observeOperations } from "./operations/observe";
import { platformOperations } from "./operations/platform";
import { recordOperations } from "./operations/records";
import { tenantOperations } from "./operations/tenants";
import { userOperations } from "./operations/users";
import { components, errorBody } from "./responses/registry";

export const OPERATIONS: readonly OperationSpec[] = [
  ...platformOperations,
  ...tenantOperations,
  ...userOperations,
  ...observeOperations,
  ...deploymentOperations,
  ...clusterOperations,
  ...recordOperations,
];

/** The success schema of each operation with a JSON answer, by operationId (the browser tests check real answers with it). */
export const RESPONSE_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(
  OPERATIONS.flatMap((op) =>
    "schema" in op.ok && !(op.ok.schema instanceof z.ZodUnknown) ? [[op.operationId, op.ok.schema] as const] : [],
  ),
);

const ERROR_RESPONSES = {
  400: [
    "BadRequest",
    "The request is malformed: a path parameter, query value or body the schema refuses; the message says which",
  ],
  401: ["Unauthenticated", "Not signed in (or the session ended)"],
  403: ["Forbidden", "Signed in without the permission this needs, or a cross-origin mutation"],
  404: ["NotFound", "No such resource, or one the caller may not see"],
  409: ["Conflict", "The resource is not in a state that allows this (already approved, name taken, …)"],
  413: ["PayloadTooLarge", "The body is larger than the route accepts"],
  500: ["Internal", "Something failed on the server; the request id names it in the log"],
  503: ["Unavailable", "A dependency (Kafka, Kafka Connect, the source database) did not answer; nothing was changed"],
} as const satisfies Record<number, readonly [string, string]>;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

function errorStatuses(op: OperationSpec): number[] {
  if (op.onlyErrors) return op.onlyErrors;
  const statuses = new Set<number>([400, 401, 403, 500, ...(op.extraErrors ?? [])]);
  if (op.path.includes("{")) statuses.add(404);
  if (op.method !== "get") statuses.add(409);
  if (op.body) statuses.add(413);
  return [...statuses].sort();
}

const toSchema = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: dropDateTimePattern,
  }) as Record<string, unknown>;
  return rest;
};

/** `format: date-time` says it; zod's long ISO regex beside it only makes the reference harder to read. */
function dropDateTimePattern(ctx: { jsonSchema: Record<string, unknown> }) {
  if (ctx.jsonSchema.format === "date-time") delete ctx.jsonSchema.pattern;
}

function queryParameters(query: z.ZodObject) {
  const schema = toSchema(query, "input") as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof description === "string" ? { description } : {}),
    schema: property,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    description: name === "id" ? idDescription(path) : (PATH_PARAMETERS[name!] ?? name),
    schema: { type: "string" },
  }));
}

/** Each JSON answer's schema is a named component: its id comes from the registry or from its first operation. */
function responseComponents(): { refs: Map<z.ZodType, string>; schemas: Record<string, unknown> } {
  const registry = z.registry<{ id: string; description?: string }>();
  const refs = new Map<z.ZodType, string>();
  const add = (schema: z.ZodType, id: string, description?: string) => {
    if (refs.has(schema)) return;
    refs.set(schema, id);
    registry.add(schema, description === undefined ? { id } : { id, description });
  };
  for (const schema of [errorBody, ...componentSchemas()])
    add(schema, components.get(schema)!.id, components.get(schema)!.description);
  for (const op of OPERATIONS) {
    const schemas = [
      ...("schema" in op.ok ? [op.ok.schema] : []),
      ...Object.values(op.otherResponses ?? {}).map((r) => r.schema),
    ];
    for (const schema of schemas)
      if (!(schema instanceof z.ZodUnknown))
        add(schema, `${op.operationId[0]!.toUpperCase()}${op.operationId.slice(1)}Response`);
  }
  const generated = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
    override: dropDateTimePattern,
  }).schemas;
  const schemas = Object.fromEntries(
    Object.entries(generated).map(([id, { $id: _, $schema: __, ...rest }]) => [id, rest]),
  );
  return { refs, schemas };
}

/** Schemas registered as shared shapes (./responses/registry.ts `component`). */
function componentSchemas(): z.ZodType[] {
  const found: z.ZodType[] = [];
  const visit = (schema: z.ZodType) => {
    if (found.includes(schema)) return;
    if (components.has(schema)) found.push(schema);
  };
  for (const op of OPERATIONS) if ("schema" in op.ok) walk(op.ok.schema, visit);
  return found;
}

/** Visits a schema and every schema inside it. */
function walk(schema: z.ZodType, visit: (schema: z.ZodType) => void, seen = new Set<z.ZodType>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  visit(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  for (const value of Object.values(def)) {
    if (value instanceof z.ZodType) walk(value, visit, seen);
    else if (Array.isArray(value)) for (const item of value) if (item instanceof z.ZodType) walk(item, visit, seen);
  }
  if (schema instanceof z.ZodObject)
    for (const field of Object.values(schema.shape)) walk(field as z.ZodType, visit, seen);
}

function operationObject(op: OperationSpec, refs: Map<z.ZodType, string>) {
  const ref = (schema: z.ZodType) => (refs.has(schema) ? { $ref: `#/components/schemas/${refs.get(schema)}` } : {});
  const success =
    "schema" in op.ok
      ? { description: op.ok.description, content: { "application/json": { schema: ref(op.ok.schema) } } }
      : { description: op.ok.description, content: { [op.ok.contentType]: { schema: { type: "string" } } } };
  const responses: Record<string, unknown> = { [String(op.ok.status ?? 200)]: success };
  for (const [status, other] of Object.entries(op.otherResponses ?? {}))
    responses[status] = {
      description: other.description,
      content: { "application/json": { schema: ref(other.schema) } },
    };
  for (const status of errorStatuses(op))
    responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status as ErrorStatus][0]}` };
  const parameters = [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])];
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.security ? { security: op.security } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.body.optional,
            content: { "application/json": { schema: toSchema(op.body.schema, "input") } },
          },
        }
      : {}),
    responses,
  };
}

const TAGS = [
  ["platform", "Health, readiness, metrics and this description"],
  ["auth", "next-auth's sign-in endpoints"],
  ["tenants", "Tenant requests, approval, lifecycle and settings"],
  ["users", "Users, their roles and sessions"],
  ["audit", "Who did what, when"],
  ["lag", "Consumer group lag and status"],
  ["flow", "Each tenant's pipeline as a graph, and its CDC connector"],
  ["alerts", "Alert rules and their history"],
  ["deployments", "Environments, deployments and rollouts of the stream processors"],
  ["lookup", "Members and claims, and the command palette"],
  ["reconcile", "Comparing the target with the source"],
  ["dlq", "Retry queue, dead letters and replay"],
] as const;

let built: ReturnType<typeof buildDocument> | undefined;

/** Built once per process: the schemas do not change while it runs. */
export function openApiDocument() {
  return (built ??= buildDocument());
}

function buildDocument() {
  const { refs, schemas } = responseComponents();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op, refs);
  return {
    openapi: "3.1.0",
    info: {
      title: "SyncDeck console API",
      version: "1",
      description:
        "Every console action is one of these calls. Sign in for a session cookie; mutations from browsers must be same-origin.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }],
    tags: TAGS.map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas,
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(([name, description]) => [
          name,
          { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  };
}
