/**
 * The OpenAPI 3.1 description of the console's REST API, served at GET /api/openapi.json.
 * Request bodies of the deployment API come from the same zod schemas the routes validate with;
 * openapi.test.ts fails when a route file under app/api is missing here.
 */
import { z } from "zod";
import { createRuleInput, updateRuleInput } from "../alerts/rule-input";
import { environmentChange, environmentRequest } from "../deployments/environment-input";
import { actionInput, createDeploymentInput, rollbackInput, scaleInput } from "../deployments/input";
import { replayBodySchema, resolveBodySchema } from "../dlq/replay-body";
import { assignSecretInput, declineInput, offboardInput, settingsInput, tenantRequestInput } from "../tenants/request-input";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation = { summary: string; tags: string[]; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] };

const json = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) } } });
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
const slug = path("slug", "tenant slug: 3-40 lowercase letters, digits or dashes, starting with a letter (otherwise 400); a tenant the caller does not see answers 404 like a missing one");
const member = path("memberId", "member id");
/** A JSON body described in words, where the route's schema lives beside server code that needs a database. */
const described = (description: string) => ({ required: true, description, content: { "application/json": {} } });

/** The time-to-drain estimate the lag sampler stores with every group, topic and partition (server/lag/drain.ts). */
const drainEstimate = {
  description: "Time to drain the lag at the consume and produce rates of the status window; null until two samples gave rates, and for retry stages (whose lag waits on purpose)",
  oneOf: [
    { type: "null" },
    {
      type: "object",
      required: ["state"],
      properties: {
        state: { enum: ["caught-up", "draining", "not-draining"], description: "caught-up: no backlog beyond what the group consumes in 5 s" },
        seconds: { type: "number", description: "present when draining: seconds until the lag is gone" },
      },
    },
  ],
};
const number = { type: "number" };
const lagGroupFields = {
  groupId: { type: "string" }, state: { type: "string" }, members: number, lag: number, lagSeconds: number, consumePerSecond: number,
  status: { enum: ["OK", "WARN", "REWIND", "STALL", "STOP", "ERR"] }, reason: { type: "string" }, drain: drainEstimate, updatedAt: { type: "string", format: "date-time" },
};
const lagPartition = {
  type: "object",
  properties: { partition: number, committed: number, end: number, lag: number, lagSeconds: number, lagSecondsAtLeast: { type: "boolean" }, status: lagGroupFields.status, reason: { type: "string" }, drain: drainEstimate },
};
const lagTopic = { type: "object", properties: { topic: { type: "string" }, lag: number, lagSeconds: number, consumePerSecond: number, drain: drainEstimate, partitions: { type: "array", items: lagPartition } } };
const okJson = (description: string, properties: Record<string, unknown>) => ({
  ...ok(description),
  "200": { description, content: { "application/json": { schema: { type: "object", properties } } } },
});
const lagList = okJson("groups", { groups: { type: "array", items: { type: "object", properties: lagGroupFields } }, total: number, page: number, pageSize: number, sampler: { type: "object" } });
const lagDetail = {
  ...okJson("group detail", { group: { type: "object", properties: { ...lagGroupFields, topics: { type: "array", items: lagTopic } } }, history: { type: "array" }, sampler: { type: "object" } }),
  "404": { $ref: "#/components/responses/Error" },
};

export const API_PATHS: Record<string, Partial<Record<Method, Operation>>> = {
  "/api/healthz": { get: { summary: "Liveness; says nothing about data", tags: ["platform"], security: [], responses: { "200": { description: "up" } } } },
  "/api/readyz": {
    get: {
      summary: "Readiness: database reachable, migrations current, Kafka reachable; each check's reason in words",
      tags: ["platform"],
      security: [],
      responses: { "200": { description: "ready" }, "503": { description: "not ready; `checks` says which and why" } },
    },
  },
  "/api/platform/status": { get: { summary: "Broker, Connect and database status (tenant members: their tenants' topic and connector counts only; cached 5 s)", tags: ["platform"], responses: ok("platform status") } },
  "/api/metrics": {
    get: { summary: "Prometheus metrics: consumer group and partition lag, status level, the console process (bearer SYNCDECK_METRICS_TOKEN; docs/production.md)", tags: ["platform"], security: [{ bearer: [] }], responses: { "200": { description: "text/plain; version=0.0.4" }, "401": { $ref: "#/components/responses/Error" } } },
  },
  "/api/auth/{nextauth}": {
    get: { summary: "next-auth sign-in endpoints (session, providers, callback)", tags: ["auth"], security: [], parameters: [path("nextauth", "next-auth action")], responses: { "200": { description: "next-auth response" } } },
    post: { summary: "next-auth sign-in and sign-out", tags: ["auth"], security: [], parameters: [path("nextauth", "next-auth action")], responses: { "200": { description: "next-auth response" } } },
  },
  "/api/tenants": {
    get: { summary: "Tenants the caller may see: staff of, requested by them, or all for approvers", tags: ["tenants"], responses: ok("tenants") },
    post: { summary: "Request a new tenant (any signed-in user; audited); 201 with its timeline", tags: ["tenants"], requestBody: json(tenantRequestInput), responses: mutation("the request's detail") },
  },
  "/api/tenants/requests": { get: { summary: "The approval queue (tenant.approve) or the caller's own requests", tags: ["tenants"], responses: ok("requests") } },
  "/api/tenants/{slug}": {
    get: { summary: "Status, timeline, jobs with steps, staff, lag, offboarding plan and the caller's allowed actions", tags: ["tenants"], parameters: [slug], responses: withNotFound("tenant detail") },
    put: { summary: "Resubmit a declined request (the requester only)", tags: ["tenants"], parameters: [slug], requestBody: json(tenantRequestInput), responses: mutation("the request's detail") },
  },
  "/api/tenants/{slug}/preflight": { get: { summary: "Pre-flight checks: names free, broker, partitions, source database, Connect, environment", tags: ["tenants"], parameters: [slug], responses: withNotFound("checks and partition plan") } },
  "/api/tenants/{slug}/approve": { post: { summary: "Approve (a second admin; checks must pass); starts provisioning", tags: ["tenants"], parameters: [slug], responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/decline": { post: { summary: "Decline with a reason the requester sees", tags: ["tenants"], parameters: [slug], requestBody: json(declineInput), responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/source-secret": { put: { summary: "Assign the platform secret registered for the external source's host (admins only)", tags: ["tenants"], parameters: [slug], requestBody: json(assignSecretInput), responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/retry": { post: { summary: "Retry the failed job from its failed step", tags: ["tenants"], parameters: [slug], responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/suspend": { post: { summary: "Suspend: pause the connector, stop the processors, keep data", tags: ["tenants"], parameters: [slug], responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/resume": { post: { summary: "Resume a suspended tenant", tags: ["tenants"], parameters: [slug], responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/offboard": { post: { summary: "Offboard, with the slug typed as confirmation", tags: ["tenants"], parameters: [slug], requestBody: json(offboardInput), responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/settings": { patch: { summary: "Change the lag SLO or topic retention (applied to the topics first)", tags: ["tenants"], parameters: [slug], requestBody: json(settingsInput), responses: mutation("tenant detail") } },
  "/api/tenants/{slug}/pipeline": {
    get: { summary: "A tenant's stage status, instances, throughput, depth and latency", tags: ["tenants"], parameters: [slug, ...query("range")], responses: withNotFound("pipeline view") },
  },
  "/api/users": {
    get: { summary: "Users (global user.manage)", tags: ["users"], responses: ok("users") },
    post: { summary: "Create a user; a generated password is returned once", tags: ["users"], requestBody: { required: true, content: { "application/json": {} } }, responses: mutation("created user") },
  },
  "/api/users/{id}": {
    patch: { summary: "Change name, global role, memberships, the disabled flag or the password (disabling, a new password and taking a role away end the user's sessions)", tags: ["users"], parameters: [path("id", "user id")], requestBody: { required: true, content: { "application/json": {} } }, responses: mutation("updated user") },
  },
  "/api/users/{id}/sessions": {
    get: { summary: "The user's open sessions: signed in when and from where, last seen, absolute end (global user.manage)", tags: ["users"], parameters: [path("id", "user id")], responses: withNotFound("sessions") },
    delete: { summary: "End every open session of the user (audited)", tags: ["users"], parameters: [path("id", "user id")], responses: withNotFound("number of sessions ended") },
  },
  "/api/users/{id}/sessions/{sessionId}": {
    delete: { summary: "End one open session of the user (audited)", tags: ["users"], parameters: [path("id", "user id"), path("sessionId", "session id")], responses: withNotFound("number of sessions ended") },
  },
  "/api/audit": { get: { summary: "Audit events, newest first", tags: ["audit"], parameters: query("user", "tenant", "action", "from", "to", "cursor", "limit"), responses: ok("audit events") } },
  "/api/audit/export.csv": { get: { summary: "Filtered audit events as CSV", tags: ["audit"], parameters: query("user", "tenant", "action", "from", "to"), responses: ok("text/csv") } },
  "/api/lag/groups": { get: { summary: "Consumer groups with lag, status, reason and time to drain", tags: ["lag"], parameters: query("q", "status", "sort", "order", "page", "pageSize"), responses: lagList } },
  "/api/lag/groups/{groupId}": { get: { summary: "One group's lag history and partitions, each with its time to drain", tags: ["lag"], parameters: [path("groupId", "consumer group"), ...query("range")], responses: lagDetail } },
  "/api/environments": {
    get: { summary: "Environments with driver and protection", tags: ["deployments"], responses: ok("environments") },
    post: { summary: "Add an environment: a name, a driver with its settings, protected or not (environment.manage; audited)", tags: ["deployments"], requestBody: json(environmentRequest), responses: mutation("the new environment and its agent token (`agentToken`, shown this once; only its hash is kept)") },
  },
  "/api/environments/{id}": {
    patch: { summary: "Change an environment's title, protection or driver settings (environment.manage; audited)", tags: ["deployments"], parameters: [path("id", "environment id")], requestBody: json(environmentChange), responses: mutation("changed") },
    delete: { summary: "Remove an environment that never had a deployment (environment.manage; audited)", tags: ["deployments"], parameters: [path("id", "environment id")], responses: mutation("removed") },
  },
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
  "/api/alerts": { get: { summary: "Alert rules and firing/resolved history of the visible tenants", tags: ["alerts"], parameters: query("tenant", "state", "before", "limit"), responses: ok("rules, events and the firing count") } },
  "/api/alerts/rules": { post: { summary: "Create an alert rule (alert.manage in the tenant); a webhook resolving to a non-public address is a 400 unless SYNCDECK_WEBHOOK_ALLOW lists it", tags: ["alerts"], requestBody: json(createRuleInput), responses: mutation("the rule") } },
  "/api/alerts/rules/{id}": { patch: { summary: "Change or switch off an alert rule (switching off resolves a firing alert)", tags: ["alerts"], parameters: [path("id", "rule id (uuid)")], requestBody: json(updateRuleInput), responses: mutation("the rule") } },
  "/api/flow": { get: { summary: "Every visible tenant's flow graph and worst status", tags: ["flow"], responses: ok("graphs") } },
  "/api/tenants/{slug}/flow": { get: { summary: "A tenant's flow: graph with rates and lag, topics and partitions, stages, connector, freshness, snapshot progress", tags: ["flow"], parameters: [slug], responses: withNotFound("flow") } },
  "/api/tenants/{slug}/connector": {
    post: { summary: "Pause, resume or restart the tenant's CDC connector, or restart one task (connector.manage)", tags: ["flow"], parameters: [slug], requestBody: described('{ "action": "pause" | "resume" | "restart" } or { "action": "restart-task", "taskId": 0 }'), responses: mutation("connector state after the action") },
  },
  "/api/palette": { get: { summary: "The command palette's search: tenants, consumer groups, and members or claims by id that the viewer may open (never by name)", tags: ["lookup"], parameters: query("q"), responses: ok("hits: kind, label, detail, href") } },
  "/api/lookup/search": { get: { summary: "Find members and claims by member id, claim id, or name and date of birth (unmasked permission)", tags: ["lookup"], parameters: query("q"), responses: ok("suggestions, names masked") } },
  "/api/tenants/{slug}/members/{memberId}": { get: { summary: "A member (masked), claims with sync state and timeline, and the explanation in words", tags: ["lookup"], parameters: [slug, member], responses: withNotFound("member view") } },
  "/api/tenants/{slug}/members/{memberId}/reveal": { post: { summary: "Reveal the member's unmasked profile (entity.read_unmasked, audited)", tags: ["lookup"], parameters: [slug, member], responses: withNotFound("unmasked profile") } },
  "/api/tenants/{slug}/members/{memberId}/resync": { post: { summary: "Re-sync the member or one claim from the source (entity.resync, audited)", tags: ["lookup"], parameters: [slug, member], requestBody: described('{ "claimId": "C-88" } or { "claimId": null } for the whole member'), responses: mutation("what was touched") } },
  "/api/tenants/{slug}/reconcile": {
    get: { summary: "The tenant's latest reconciliation runs: progress, counts and checksums per entity, differing count; and whether the viewer may run one", tags: ["reconcile"], parameters: [slug], responses: withNotFound("runs") },
    post: { summary: "Queue a reconciliation of the target against the source (reconcile.run, audited); 202 with the new run, or with the one already queued or running (created: false)", tags: ["reconcile"], parameters: [slug], responses: mutation("the queued run") },
  },
  "/api/tenants/{slug}/reconcile/{runId}/differences": { get: { summary: "A keyset page of a run's differing ids (missing, extra, different) with both versions", tags: ["reconcile"], parameters: [slug, path("runId", "reconciliation run id (uuid)"), ...query("entity", "cursor", "limit")], responses: withNotFound("page and nextCursor") } },
  "/api/tenants/{slug}/retries": { get: { summary: "Waiting retry records, groups by cause, depth and age history", tags: ["dlq"], parameters: [slug, ...query("range")], responses: withNotFound("retry queue") } },
  "/api/tenants/{slug}/dlq": {
    get: { summary: "A keyset page of dead letters (or retry records), newest first", tags: ["dlq"], parameters: [slug, ...query("kind", "state", "errorClass", "stage", "entity", "fingerprint", "from", "to", "q", "cursor", "limit")], responses: withNotFound("page") },
  },
  "/api/tenants/{slug}/dlq/{id}": { get: { summary: "One record's headers and payload (masked unless asked and allowed; audited)", tags: ["dlq"], parameters: [slug, path("id", "record id"), ...query("unmasked")], responses: withNotFound("record") } },
  "/api/tenants/{slug}/dlq/replay": {
    get: { summary: "Recent replay jobs with progress", tags: ["dlq"], parameters: [slug], responses: withNotFound("jobs") },
    post: { summary: "Dry-run or queue a replay of selected records (dlq.replay, audited)", tags: ["dlq"], parameters: [slug], requestBody: json(replayBodySchema), responses: mutation("a preview or the queued job") },
  },
  "/api/tenants/{slug}/dlq/replay/{jobId}": { delete: { summary: "Cancel a replay job (audited)", tags: ["dlq"], parameters: [slug, path("jobId", "replay job id")], responses: mutation("the canceled job") } },
  "/api/tenants/{slug}/dlq/resolve": {
    post: { summary: "Resolve or discard records with a reason (index only, never Kafka; audited)", tags: ["dlq"], parameters: [slug], requestBody: json(resolveBodySchema), responses: mutation("how many changed") },
  },
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
