/**
 * The OpenAPI 3.1 description of the console's REST API, served at GET /api/openapi.json.
 * Request bodies of the deployment API come from the same zod schemas the routes validate with;
 * openapi.test.ts fails when a route file under app/api is missing here.
 */
import { z } from "zod";
import { actionInput, createDeploymentInput, rollbackInput, scaleInput } from "../deployments/input";

type Operation = { summary: string; tags: string[]; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] };

const json = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input" }) } } });
const path = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const query = (...names: string[]) => names.map((name) => ({ name, in: "query", required: false, schema: { type: "string" } }));
const ok = (description: string) => ({
  "200": { description },
  "400": { $ref: "#/components/responses/Error" },
  "401": { $ref: "#/components/responses/Error" },
  "403": { $ref: "#/components/responses/Error" },
});
const withNotFound = (description: string) => ({ ...ok(description), "404": { $ref: "#/components/responses/Error" } });
const mutation = (description: string) => ({ ...withNotFound(description), "409": { $ref: "#/components/responses/Error" } });
const id = path("id", "deployment id (uuid)");

export const API_PATHS: Record<string, Partial<Record<"get" | "post" | "patch", Operation>>> = {
  "/api/healthz": { get: { summary: "Liveness; says nothing about data", tags: ["platform"], security: [], responses: { "200": { description: "up" } } } },
  "/api/platform/status": { get: { summary: "Broker, Connect, database and sampler status", tags: ["platform"], responses: ok("platform status") } },
  "/api/metrics": {
    get: { summary: "Prometheus metrics (bearer SYNCDECK_METRICS_TOKEN)", tags: ["platform"], security: [{ bearer: [] }], responses: { "200": { description: "text/plain; version=0.0.4" }, "401": { $ref: "#/components/responses/Error" } } },
  },
  "/api/auth/{nextauth}": {
    get: { summary: "next-auth sign-in endpoints (session, providers, callback)", tags: ["auth"], security: [], parameters: [path("nextauth", "next-auth action")], responses: { "200": { description: "next-auth response" } } },
    post: { summary: "next-auth sign-in and sign-out", tags: ["auth"], security: [], parameters: [path("nextauth", "next-auth action")], responses: { "200": { description: "next-auth response" } } },
  },
  "/api/tenants": { get: { summary: "Tenants the caller may see", tags: ["tenants"], responses: ok("tenants") } },
  "/api/tenants/{slug}/pipeline": {
    get: { summary: "A tenant's stage status, instances, throughput, depth and latency", tags: ["tenants"], parameters: [path("slug", "tenant slug"), ...query("range")], responses: withNotFound("pipeline view") },
  },
  "/api/users": {
    get: { summary: "Users (global user.manage)", tags: ["users"], responses: ok("users") },
    post: { summary: "Create a user; a generated password is returned once", tags: ["users"], requestBody: { required: true, content: { "application/json": {} } }, responses: mutation("created user") },
  },
  "/api/users/{id}": {
    patch: { summary: "Change name, global role, memberships or the disabled flag", tags: ["users"], parameters: [path("id", "user id")], requestBody: { required: true, content: { "application/json": {} } }, responses: mutation("updated user") },
  },
  "/api/audit": { get: { summary: "Audit events, newest first", tags: ["audit"], parameters: query("user", "tenant", "action", "from", "to", "cursor", "limit"), responses: ok("audit events") } },
  "/api/audit/export.csv": { get: { summary: "Filtered audit events as CSV", tags: ["audit"], parameters: query("user", "tenant", "action", "from", "to"), responses: ok("text/csv") } },
  "/api/lag/groups": { get: { summary: "Consumer groups with lag, status and reason", tags: ["lag"], parameters: query("q", "status", "sort", "order", "page", "pageSize"), responses: ok("groups") } },
  "/api/lag/groups/{groupId}": { get: { summary: "One group's lag history and partitions", tags: ["lag"], parameters: [path("groupId", "consumer group"), ...query("range")], responses: withNotFound("group detail") } },
  "/api/environments": { get: { summary: "Environments with driver and protection", tags: ["deployments"], responses: ok("environments") } },
  "/api/environments/{id}/status": {
    get: { summary: "Every target's desired state, sync, health with reason, instances and allowed actions", tags: ["deployments"], parameters: [path("id", "environment id")], responses: withNotFound("environment status") },
  },
  "/api/deployments": {
    get: { summary: "Deployment history, newest first, each with its diff", tags: ["deployments"], parameters: query("environment", "tenant", "stage", "limit"), responses: ok("deployments") },
    post: { summary: "Deploy a stage of a tenant (a new revision; PENDING_APPROVAL in protected environments)", tags: ["deployments"], requestBody: json(createDeploymentInput), responses: mutation("the new deployment and what it changes") },
  },
  "/api/deployments/{id}": { get: { summary: "A deployment and its target's history with diffs", tags: ["deployments"], parameters: [id], responses: withNotFound("deployment") } },
  "/api/deployments/{id}/scale": { patch: { summary: "Scale the target (0 stops it)", tags: ["deployments"], parameters: [id], requestBody: json(scaleInput), responses: mutation("the new revision") } },
  "/api/deployments/{id}/rollback": { post: { summary: "Roll back: a new deployment of an earlier succeeded revision", tags: ["deployments"], parameters: [id], requestBody: json(rollbackInput), responses: mutation("the new revision") } },
  "/api/deployments/{id}/restart": { post: { summary: "Restart the target's instances one at a time", tags: ["deployments"], parameters: [id], requestBody: { ...json(actionInput), required: false }, responses: mutation("the new revision") } },
  "/api/deployments/{id}/stop": { post: { summary: "Stop the target (0 replicas)", tags: ["deployments"], parameters: [id], requestBody: { ...json(actionInput), required: false }, responses: mutation("the new revision") } },
  "/api/deployments/{id}/approve": { post: { summary: "Approve (deploy.approve, not the requester)", tags: ["deployments"], parameters: [id], responses: mutation("the queued deployment") } },
  "/api/deployments/{id}/cancel": { post: { summary: "Cancel a deployment waiting for approval or queued", tags: ["deployments"], parameters: [id], responses: mutation("the canceled deployment") } },
  "/api/deployments/{id}/logs": { get: { summary: "The end of each instance's output", tags: ["deployments"], parameters: [id], responses: withNotFound("instances with their log tail") } },
  "/api/openapi.json": { get: { summary: "This description", tags: ["platform"], responses: ok("OpenAPI 3.1 document") } },
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "SyncDeck console API", version: "1", description: "Every console action is one of these calls. Sign in for a session cookie; mutations from browsers must be same-origin." },
    servers: [{ url: "/" }],
    security: [{ session: [] }],
    paths: API_PATHS,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        bearer: { type: "http", scheme: "bearer" },
      },
      responses: {
        Error: {
          description: "An error with its code and a message that says what is wrong",
          content: { "application/json": { schema: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, details: {} } }, requestId: { type: "string" } } } } },
        },
      },
    },
  };
}
