import { request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import type { z } from "zod";
import { createRuleInput, updateRuleInput } from "../server/alerts/rule-input";
import { ROLES, type RoleName } from "../server/auth/permissions";
import { clusterChange, clusterRequest, environmentClusterInput } from "../server/clusters/cluster-input";
import { environmentChange, environmentRequest } from "../server/deployments/environment-input";
import {
  actionInput,
  createDeploymentInput,
  promoteInput,
  rollbackInput,
  scaleInput,
} from "../server/deployments/input";
import { replayBodySchema, resolveBodySchema } from "../server/retries/replay-body";
import { RESPONSES_BY_OPERATION } from "../server/openapi/responses/by-operation";
import { declineInput, offboardInput, settingsInput, tenantRequestInput } from "../server/tenants/request-input";
import { moveInput } from "../server/tenants/move/move-input";
import { createUserInput, updateUserInput } from "../server/admin/user-input";
import {
  bodyText,
  carriesNul,
  dryRunReplayBody,
  junkSegment,
  mangledSegment,
  queryString,
  safeDecode,
} from "./api-fuzz/arbitraries";
import { auditedActions, isQuietDeployment, QUIET_TENANT, takeSnapshot } from "./api-fuzz/stack-state";
import { E2E_USER_PREFIX, expect, storageStatePath } from "./fixtures";

/**
 * Property: whatever a caller sends to any operation of GET /api/openapi.json — malformed path
 * parameters, query values or bodies, signed in as any role or not at all — the API answers below
 * 500, refuses every mutation, and no data changes.
 *
 * The plan is drawn from fast-check with one seed (printed; SYNCDECK_FUZZ_SEED=<n> replays it).
 * Mutations never get a request that could succeed: an operation that changes something addresses
 * only resources that do not exist, unless its body schema is known here, and then every body sent
 * with a real resource is one that schema refuses or that carries a NUL (which nothing may store).
 * The one exception is a dead-letter replay's dry run, which only reads.
 */
const SEED = Number(process.env.SYNCDECK_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.SYNCDECK_FUZZ_REQUESTS ?? 5_200);
const IN_FLIGHT = 12;

type Who = RoleName | "signed-out";
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Operation = {
  operationId: string;
  method: Method;
  template: string;
  params: string[];
  query: string[];
  fields: string[];
  hasBody: boolean;
};
type Shot = {
  operationId: string;
  who: Who;
  method: Method;
  path: string;
  body?: string;
  contentType?: string;
  mayChange: boolean;
};

/** Body schemas of mutations: with them, a real resource may be addressed with a body they refuse. */
/** `nullIsEmpty`: the route reads a JSON `null` as no body, i.e. `{}`. */
const BODY_SCHEMAS: Record<
  string,
  { schema: z.ZodType; harmless?: (body: unknown) => boolean; nullIsEmpty?: boolean }
> = {
  "POST /api/tenants": { schema: tenantRequestInput },
  "PUT /api/tenants/{slug}": { schema: tenantRequestInput },
  "POST /api/tenants/{slug}/decline": { schema: declineInput },
  "POST /api/tenants/{slug}/offboard": { schema: offboardInput },
  "PATCH /api/tenants/{slug}/settings": { schema: settingsInput },
  "POST /api/tenants/{slug}/placement": { schema: moveInput },
  "POST /api/users": { schema: createUserInput },
  "PATCH /api/users/{id}": { schema: updateUserInput },
  "POST /api/deployments": { schema: createDeploymentInput },
  "PATCH /api/deployments/{id}/scale": { schema: scaleInput },
  "POST /api/deployments/{id}/rollback": { schema: rollbackInput },
  "POST /api/deployments/promote": { schema: promoteInput },
  "POST /api/deployments/{id}/restart": { schema: actionInput, nullIsEmpty: true },
  "POST /api/deployments/{id}/stop": { schema: actionInput, nullIsEmpty: true },
  "POST /api/environments": { schema: environmentRequest },
  "PATCH /api/environments/{id}": { schema: environmentChange },
  "POST /api/admin/clusters": { schema: clusterRequest },
  "PATCH /api/admin/clusters/{id}": { schema: clusterChange },
  "PUT /api/admin/environments/{id}/cluster": { schema: environmentClusterInput },
  "POST /api/alerts/rules": { schema: createRuleInput },
  "PATCH /api/alerts/rules/{id}": { schema: updateRuleInput },
  "POST /api/tenants/{slug}/dlq/replay": {
    schema: replayBodySchema,
    harmless: (body) => (body as { dryRun?: unknown })?.dryRun === true,
  },
  "POST /api/tenants/{slug}/dlq/resolve": { schema: resolveBodySchema },
};

/** next-auth's own POST endpoints sign in and out: not part of this API's contract. */
const SKIPPED = new Set(["POST /api/auth/{nextauth}"]);

/** Reads that write an audit record of who looked (not a change of data). */
const AUDITED_READS = new Set(["audit.export", "entity.search_by_name", "dlq.read_unmasked"]);

const WHO = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Who>("admin") },
  ...ROLES.filter((r) => r !== "admin").map((r) => ({ weight: 2, arbitrary: fc.constant<Who>(r) })),
  { weight: 1, arbitrary: fc.constant<Who>("signed-out") },
);

function operations(document: {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content?: Record<string, { schema?: { properties?: object } }> };
      }
    >
  >;
}): Operation[] {
  return Object.entries(document.paths)
    .flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        operationId: op.operationId,
        method: method.toUpperCase() as Method,
        template,
        params: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
        fields: Object.keys(op.requestBody?.content?.["application/json"]?.schema?.properties ?? {}),
        hasBody: op.requestBody !== undefined,
      })),
    )
    .filter((op) => !SKIPPED.has(`${op.method} ${op.template}`));
}

/** Existing resources, by the path parameter that names them. */
type Real = Record<string, string[]>;

async function discover(admin: APIRequestContext): Promise<{ all: Real; quiet: Real }> {
  const get = async (path: string) => (await admin.get(path)).json();
  const [tenants, users, alerts, deployments, environments, groups, dlq, jobs, search] = await Promise.all([
    get("/api/tenants"),
    get("/api/users"),
    get("/api/alerts?limit=5"),
    get("/api/deployments?limit=50"),
    get("/api/environments"),
    get("/api/lag/groups?pageSize=20"),
    get(`/api/tenants/${QUIET_TENANT}/dlq?limit=5`),
    get(`/api/tenants/${QUIET_TENANT}/dlq/replay`),
    get("/api/lookup/search?q=M1"),
  ]);
  const quietDeployments = deployments.deployments.filter(isQuietDeployment);
  const demoUsers = users.users
    .filter((u: { email: string }) => !u.email.startsWith(E2E_USER_PREFIX))
    .map((u: { id: string }) => u.id);
  const all: Real = {
    slug: tenants.tenants.map((t: { slug: string }) => t.slug),
    "users/id": demoUsers,
    "alerts/rules/id": alerts.rules.map((r: { id: string }) => r.id),
    "deployments/id": deployments.deployments.map((d: { id: string }) => d.id),
    "environments/id": environments.environments.map((e: { id: string }) => e.id),
    "dlq/id": dlq.items.map((r: { id: string }) => r.id),
    groupId: groups.groups.map((g: { groupId: string }) => g.groupId),
    jobId: jobs.jobs.map((j: { id: string }) => j.id),
    memberId: [...new Set<string>(search.suggestions.map((s: { memberId: string }) => s.memberId))],
    nextauth: ["session", "csrf", "providers", "signin", "signout", "error", "callback"],
  };
  const quiet: Real = {
    slug: [QUIET_TENANT],
    "users/id": demoUsers,
    "alerts/rules/id": alerts.rules
      .filter((r: { tenant: string }) => r.tenant === QUIET_TENANT)
      .map((r: { id: string }) => r.id),
    "deployments/id": quietDeployments.map((d: { id: string }) => d.id),
  };
  return { all, quiet };
}

/** The key into `Real` for a path parameter: `id` means a different thing under each collection. */
function realKey(template: string, param: string): string {
  if (param !== "id") return param;
  const collection = /\/(users|alerts\/rules|deployments|environments|dlq)\/\{id\}/.exec(template)?.[1];
  return `${collection}/id`;
}

function shotsFor(op: Operation, real: { all: Real; quiet: Real }, count: number, seed: number): Shot[] {
  const key = `${op.method} ${op.template}`;
  const mutation = op.method !== "GET";
  const guard = BODY_SCHEMAS[key];
  if (mutation && !guard && op.params.length === 0)
    throw new Error(
      `${key} changes data and has no path parameter to aim it at nothing: add its body schema to BODY_SCHEMAS`,
    );
  // A mutation without a known body schema only ever addresses resources that do not exist.
  const pool = !mutation ? real.all : guard ? real.quiet : {};
  const segment = (param: string) => {
    const existing = pool[realKey(op.template, param)] ?? [];
    const everything = new Set(real.all[realKey(op.template, param)] ?? []);
    const junk = junkSegment(everything);
    if (existing.length === 0) return junk;
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...existing).map(encodeURIComponent) },
      { weight: mutation ? 0 : 1, arbitrary: mangledSegment(existing) },
      { weight: 3, arbitrary: junk },
    );
  };
  const body =
    op.hasBody || mutation
      ? fc.oneof(
          { weight: 6, arbitrary: bodyText(op.fields) },
          { weight: key === "POST /api/tenants/{slug}/dlq/replay" ? 4 : 0, arbitrary: dryRunReplayBody },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
      : fc.constant(undefined);
  const shot = fc
    .record({
      who: WHO,
      segments: fc.tuple(...op.params.map(segment)),
      query: queryString(op.query),
      body,
      contentType: fc.constantFrom(
        "application/json",
        "application/json",
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-16",
      ),
    })
    .map(({ who, segments, query, body, contentType }) => {
      let i = 0;
      const path = op.template.replace(/\{\w+\}/g, () => segments[i++]!) + query;
      return { operationId: op.operationId, who, method: op.method, path, body, contentType, mayChange: false } as Shot;
    })
    .filter((s) => !mutation || isRefusable(s, op, guard, pool));
  return fc
    .sample(shot, { seed, numRuns: count })
    .map((s) => ({ ...s, mayChange: mutation && guard?.harmless !== undefined && harmlessBody(s.body, guard) }));
}

function harmlessBody(
  body: string | undefined,
  guard: { harmless?: (body: unknown) => boolean; schema: z.ZodType },
): boolean {
  if (body === undefined || !guard.harmless) return false;
  try {
    const parsed = JSON.parse(body);
    return guard.schema.safeParse(parsed).success && guard.harmless(parsed);
  } catch {
    return false;
  }
}

/** A mutation that must be refused: it addresses nothing real, or its body is one the route refuses. */
function isRefusable(s: Shot, op: Operation, guard: (typeof BODY_SCHEMAS)[string] | undefined, pool: Real): boolean {
  const segments = op.params.map((param, index) => ({
    param,
    value: safeDecode(pathSegments(s.path, op.template)[index] ?? ""),
  }));
  const addressesReal = segments.every(({ param, value }) => (pool[realKey(op.template, param)] ?? []).includes(value));
  if (op.params.length > 0 && !addressesReal) return true;
  if (!guard) return false;
  if (s.body === undefined || s.body.trim() === "") return false; // restart/stop take an empty body as {}
  if (harmlessBody(s.body, guard)) return true;
  try {
    const parsed = JSON.parse(s.body);
    return carriesNul(s.body) || !guard.schema.safeParse(guard.nullIsEmpty && parsed === null ? {} : parsed).success;
  } catch {
    return true;
  }
}

function pathSegments(path: string, template: string): string[] {
  const actual = path.split("?")[0]!.split("/");
  return template.split("/").flatMap((part, index) => (/^\{\w+\}$/.test(part) ? [actual[index] ?? ""] : []));
}

type Answer = {
  shot: Shot;
  status: number;
  text: string;
  ms: number;
  requestId?: string;
  checked?: boolean;
  mismatch?: string;
};

/** A 2xx JSON answer checked against its operation's documented response schema: the problem in words, or null. */
function responseMismatch(operationId: string, body: string): string | null {
  const schema = RESPONSES_BY_OPERATION[operationId];
  if (!schema) return null;
  const result = schema.safeParse(JSON.parse(body));
  if (result.success) return null;
  return result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
}

/**
 * `/api/readyz` answers 503 by design while a dependency is slow or down (a loaded machine can take
 * over 3 s to read the migration history): that is its report, not a fault, when it names the check.
 */
const notReadyReport = (a: Answer) =>
  a.status === 503 &&
  a.shot.path.split("?")[0] === "/api/readyz" &&
  /^\{"ready":false,"checks":\[\{"name":"database"/.test(a.text);

async function fire(contexts: Record<Who, APIRequestContext>, plan: Shot[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      const shot = plan[index]!;
      const sent = performance.now();
      if (index > 0 && index % 1_000 === 0) console.log(`[api-fuzz] ${index} of ${plan.length} sent`);
      try {
        const response = await contexts[shot.who].fetch(shot.path, {
          method: shot.method,
          data: shot.body,
          // A fresh connection per request: a kept-alive one that the server closes as idle (Node's 5 s)
          // just as the client reuses it is reset before the server reads anything, 2-3 times a run;
          // that is the transport, not an answer. A reset on a fresh connection still fails the test.
          headers: {
            connection: "close",
            ...(shot.body === undefined ? {} : { "content-type": shot.contentType ?? "application/json" }),
          },
          maxRedirects: 0,
          timeout: 60_000,
        });
        const text = await response.text();
        const json =
          response.status() >= 200 &&
          response.status() < 300 &&
          (response.headers()["content-type"] ?? "").startsWith("application/json");
        // A `.` or `..` segment (also as %2E) is resolved by the client's URL parser before the
        // request leaves: `/api/tenants/%2E%2E/flow` is sent as `/api/flow`, another operation.
        const reached = new URL(shot.path, "http://fuzz.invalid").pathname;
        const rerouted = reached !== shot.path.split("?")[0];
        const mismatch = json && !rerouted ? responseMismatch(shot.operationId, text) : null;
        // the server names each request (a client's X-Request-Id is not believed): the audit check looks these up
        answers.push({
          shot,
          status: response.status(),
          text: text.slice(0, 300),
          ms: performance.now() - sent,
          requestId: response.headers()["x-request-id"],
          checked: json && !rerouted && shot.operationId in RESPONSES_BY_OPERATION,
          ...(mismatch ? { mismatch } : {}),
        });
      } catch (error) {
        answers.push({ shot, status: 0, text: String(error).slice(0, 300), ms: performance.now() - sent });
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return answers;
}

const describe = (a: Answer) =>
  `${a.status} as ${a.shot.who}: ${a.shot.method} ${a.shot.path.slice(0, 300)}${a.shot.body === undefined ? "" : ` body=${JSON.stringify(a.shot.body.slice(0, 200))}`} → ${a.text.slice(0, 200)}`;

test("fuzzing every operation of the OpenAPI description: no 5xx, every mutation refused, no data changed", async ({
  baseURL,
}) => {
  test.setTimeout(1_200_000); // a loaded machine answers a few requests a second
  console.log(`[api-fuzz] seed ${SEED} (replay: SYNCDECK_FUZZ_SEED=${SEED} npx playwright test e2e/api-fuzz.spec.ts)`);
  const contexts = Object.fromEntries(
    await Promise.all(
      [...ROLES, "signed-out" as const].map(async (who) => [
        who,
        await playwrightRequest.newContext({
          baseURL,
          ...(who === "signed-out" ? {} : { storageState: storageStatePath(who) }),
        }),
      ]),
    ),
  ) as Record<Who, APIRequestContext>;
  const document = await (await contexts.admin.get("/api/openapi.json")).json();
  const ops = operations(document);
  const real = await discover(contexts.admin);
  const perOperation = Math.ceil(REQUESTS / ops.length);
  const plan = ops.flatMap((op, index) => shotsFor(op, real, perOperation, SEED + index));
  expect(plan.length).toBeGreaterThanOrEqual(Math.min(REQUESTS, 5_000));

  const before = await takeSnapshot();
  const started = performance.now();
  const answers = await fire(contexts, plan);
  const seconds = (performance.now() - started) / 1000;
  const after = await takeSnapshot();
  const audited = await auditedActions(answers.flatMap((a) => (a.requestId ? [a.requestId] : [])));

  const byClass = new Map<string, number>();
  for (const a of answers)
    byClass.set(
      a.status === 0 ? "no answer" : `${Math.floor(a.status / 100)}xx`,
      (byClass.get(a.status === 0 ? "no answer" : `${Math.floor(a.status / 100)}xx`) ?? 0) + 1,
    );
  console.log(
    `[api-fuzz] ${answers.length} requests over ${ops.length} operations in ${seconds.toFixed(1)} s (${(answers.length / seconds).toFixed(0)}/s): ${[
      ...byClass,
    ]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  );
  test.info().annotations.push({
    type: "api-fuzz",
    description: `seed ${SEED}; ${answers.length} requests in ${seconds.toFixed(1)} s; ${[...byClass]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  });

  const slowest = new Map<string, number>();
  for (const a of answers) {
    const op = `${a.shot.method} ${a.shot.path.split("?")[0]!.split("/").slice(0, 4).join("/")}`;
    slowest.set(op, (slowest.get(op) ?? 0) + a.ms);
  }
  console.log(
    `[api-fuzz] most time spent in: ${[...slowest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([op, ms]) => `${op} ${(ms / 1000).toFixed(0)} s`)
      .join(", ")}`,
  );

  const serverErrors = answers.filter((a) => (a.status === 0 || a.status >= 500) && !notReadyReport(a)).map(describe);
  // a 3xx is Next.js normalizing the path (`..`): no handler ran
  const acceptedMutations = answers
    .filter((a) => a.shot.method !== "GET" && !a.shot.mayChange && a.status >= 200 && a.status < 300)
    .map(describe);
  const writes = audited.filter((e) => !AUDITED_READS.has(e.action));
  for (const [title, list] of [
    ["5xx or no answer", serverErrors],
    ["mutations not refused", acceptedMutations],
  ] as const) {
    if (list.length) console.log(`[api-fuzz] ${list.length} ${title} (seed ${SEED}):\n${list.slice(0, 40).join("\n")}`);
  }
  const checked = answers.filter((a) => a.checked);
  const checkedOperations = new Set(checked.map((a) => a.shot.operationId));
  const mismatches = answers
    .filter((a) => a.mismatch)
    .map((a) => `${describe(a)}\n    does not match ${a.shot.operationId}'s response schema: ${a.mismatch}`);
  console.log(
    `[api-fuzz] ${checked.length} 2xx JSON answers of ${checkedOperations.size} operations checked against the documented response schemas, ${mismatches.length} did not match`,
  );
  if (mismatches.length)
    console.log(`[api-fuzz] answers unlike the document (seed ${SEED}):\n${mismatches.slice(0, 20).join("\n")}`);
  expect(
    serverErrors,
    `seed ${SEED}: ${serverErrors.length} of ${answers.length} requests answered 5xx or not at all`,
  ).toEqual([]);
  expect(mismatches, `seed ${SEED}: answers that do not match the documented response schema`).toEqual([]);
  expect(
    checkedOperations.size,
    "operations whose 2xx answers were checked against the document",
  ).toBeGreaterThanOrEqual(25);
  expect(acceptedMutations, `seed ${SEED}: mutations that were not refused`).toEqual([]);
  expect(writes, `seed ${SEED}: audited changes made by the fuzz`).toEqual([]);
  expect(after, `seed ${SEED}: data changed`).toEqual(before);
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});

/**
 * A path segment that is not valid percent-encoded UTF-8 would make Next.js answer a plain-text 500
 * before any route handler runs; proxy.ts answers it 400 first.
 */
test("a path segment that is not valid percent-encoded UTF-8 answers 400, saying so", async ({ request }) => {
  for (const path of ["/api/tenants/%FF", "/api/tenants/%C0%80/flow", "/api/lag/groups/%FE%FF", "/api/auth/%G1"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error.message, path).toBe("the path is not valid percent-encoded UTF-8");
  }
});
