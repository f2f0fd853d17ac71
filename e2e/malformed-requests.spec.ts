import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { E2E_USER_PREFIX, expect, storageStatePath, testAs } from "./fixtures";
import { createUserInput, updateUserInput } from "../server/admin/user-input";

/**
 * Fires well over 1,000 malformed requests at the API's mutating and filtering routes, as the
 * admin (who passes every permission check, so validation itself is exercised) and as a viewer.
 * Every answer must be a 4xx with a JSON error, and the users and their audit trail must be
 * byte-for-byte the same afterwards.
 */
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${7*7}",
  "../../etc/passwd",
  "\u0000",
  "=cmd|' /C calc'!A0",
  "admin@syncdeck.local\r\nBcc: x@evil",
  "$where",
  "%00%27",
];
const WRONG_TYPES: unknown[] = [null, 0, -1, 1e309, true, [], {}, [1, 2], { $gt: "" }, "x".repeat(1000)];

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

type Shot = { method: "POST" | "PUT" | "PATCH" | "GET"; path: string; body?: string; contentType?: string };

const json = (value: unknown) => JSON.stringify(value);

/** Keeps only bodies the schema rejects: a body that happens to be valid would change data. */
function invalidOnly(bodies: string[], schema: { safeParse: (v: unknown) => { success: boolean } }): string[] {
  return bodies.filter((body) => {
    try {
      return !schema.safeParse(JSON.parse(body)).success;
    } catch {
      return true;
    }
  });
}

function malformedUserBodies(): string[] {
  const bodies: string[] = [
    "",
    " ",
    "null",
    "[]",
    '"text"',
    "42",
    "{",
    '{"email":',
    "{'email':'a@b.co'}",
    "\u0000{}",
    "{}".repeat(3),
  ];
  const valid = { email: "fuzz@example.test", name: "Fuzz", password: "a-long-enough-password" };
  for (const field of ["email", "name", "password", "globalRole", "memberships"]) {
    for (const wrong of WRONG_TYPES) bodies.push(json({ ...valid, [field]: wrong }));
    for (const injection of INJECTIONS) bodies.push(json({ ...valid, [field]: injection, role: "admin" }));
  }
  for (const injection of INJECTIONS) {
    bodies.push(json({ ...valid, email: `${injection}@example.test` }));
    bodies.push(json({ ...valid, memberships: [{ tenantId: injection, role: "viewer" }] }));
    bodies.push(json({ ...valid, memberships: [{ tenantId: NO_SUCH_ID, role: injection }] }));
    bodies.push(json({ ...valid, [injection]: true }));
    bodies.push(json({ ...valid, globalRole: injection }));
  }
  bodies.push(
    json({ ...valid, isAdmin: true }),
    '{"__proto__":{"polluted":1}}',
    `{"__proto__":{"admin":true},"email":"fuzz@example.test","name":"F"}`,
  );
  bodies.push(json({ ...valid, name: "x".repeat(70_000) }), `{"email":"${"a".repeat(2_000_000)}"}`);
  // Valid in shape, refused by the database check: a tenant that does not exist.
  return [
    ...invalidOnly(bodies, createUserInput),
    json({ ...valid, memberships: [{ tenantId: NO_SUCH_ID, role: "viewer" }] }),
  ];
}

function malformedPatchBodies(): string[] {
  const bodies = malformedUserBodies();
  for (const field of ["name", "globalRole", "memberships", "disabled"]) {
    for (const wrong of WRONG_TYPES) bodies.push(json({ [field]: wrong }));
    for (const injection of INJECTIONS) bodies.push(json({ [field]: injection }));
  }
  for (const injection of INJECTIONS) bodies.push(json({ disabled: false, [injection]: 1 }));
  return invalidOnly(bodies, updateUserInput);
}

/** Valid changes, sent to a user id that does not exist: 404, nothing written. */
function validPatchBodies(): string[] {
  return [
    json({ disabled: true }),
    json({ globalRole: "admin" }),
    json({ name: INJECTIONS[1] }),
    json({ memberships: [] }),
  ];
}

function malformedQueries(): string[] {
  const queries = [
    "limit=0",
    "limit=-1",
    "limit=abc",
    "limit=1e9",
    "cursor=-5",
    "cursor=1.5",
    "cursor=99999999999999999999",
    "from=2026-13-45",
    "to=tomorrow",
    "from=2026-11-23&to=2026-01-01",
    "tenant=acme-health",
    "user=a&user=b",
    "unknown=1",
    "action=USER.CREATE",
    "page=0",
    "page=abc",
    "pageSize=9999",
    "page=2&before=5",
  ];
  for (const injection of INJECTIONS) {
    for (const key of ["tenant", "action", "cursor", "from", "limit", injection])
      queries.push(`${encodeURIComponent(key)}=${encodeURIComponent(injection)}`);
  }
  return queries;
}

function shots(userId: string): Shot[] {
  const list: Shot[] = [];
  for (const body of malformedUserBodies()) list.push({ method: "POST", path: "/api/users", body });
  for (const body of malformedPatchBodies()) {
    list.push({ method: "PATCH", path: `/api/users/${userId}`, body });
    list.push({
      method: "PATCH",
      path: `/api/users/${encodeURIComponent(INJECTIONS[list.length % INJECTIONS.length]!)}`,
      body,
    });
  }
  for (const body of validPatchBodies()) list.push({ method: "PATCH", path: `/api/users/${NO_SUCH_ID}`, body });
  for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    list.push({ method: "POST", path: "/api/users", body: "email=a%40b.co&name=x", contentType });
  }
  for (const query of malformedQueries()) {
    list.push({ method: "GET", path: `/api/audit?${query}` });
    list.push({ method: "GET", path: `/api/audit/export.csv?${query}` });
  }
  return list;
}

async function fire(api: APIRequestContext, shot: Shot) {
  const response = await api.fetch(shot.path, {
    method: shot.method,
    data: shot.body,
    headers: shot.body === undefined ? {} : { "content-type": shot.contentType ?? "application/json" },
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}

/**
 * Fires the plan six at a time; returns every answer that is not a 4xx with a JSON error (a read
 * marked `mayAnswer` may also answer 200: a filter it ignores or that matches nothing).
 */
async function fireAll(plan: Array<{ shot: Shot; api: APIRequestContext; mayAnswer?: boolean }>): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const { shot, api, mayAnswer } = plan[next++]!;
      const { status, body } = await fire(api, shot);
      const isJsonError = body.startsWith('{"error"');
      if (mayAnswer && status === 200) continue;
      if (status < 400 || status >= 500 || !isJsonError)
        failures.push(
          `${status} ${shot.method} ${shot.path} ${(shot.body ?? "").slice(0, 80)} → ${body.slice(0, 120)}`,
        );
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return failures;
}

/** Users (minus ones other specs create meanwhile) and their audit events, as one comparable string. */
async function snapshot(admin: APIRequestContext): Promise<string> {
  const { users } = await (await admin.get("/api/users")).json();
  const stable = users
    .filter((u: { email: string }) => !u.email.startsWith(E2E_USER_PREFIX))
    .map(({ lastLoginAt: _ignored, ...rest }: { lastLoginAt: unknown }) => rest);
  const events: unknown[] = [];
  let cursor = "";
  do {
    const page = await (await admin.get(`/api/audit?action=user.&limit=200${cursor && `&cursor=${cursor}`}`)).json();
    events.push(...page.events.filter((e: { target: string }) => !e.target.includes(E2E_USER_PREFIX)));
    cursor = page.nextCursor ?? "";
  } while (cursor);
  return JSON.stringify({ stable, events });
}

const asAdmin = testAs("admin");

asAdmin("1,000+ malformed requests: every one a 4xx, and no data changed", async ({ baseURL }) => {
  asAdmin.setTimeout(240_000);
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
  const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("viewer") });
  const { users } = await (await admin.get("/api/users")).json();
  const target = users.find((u: { email: string }) => u.email === "viewer@syncdeck.local");
  const before = await snapshot(admin);

  const plan = shots(target.id).flatMap((shot, i) => [
    { shot, api: admin },
    ...(i % 4 === 0 ? [{ shot, api: viewer }] : []),
  ]);
  expect(plan.length).toBeGreaterThanOrEqual(1000);
  const failures = await fireAll(plan);
  expect(failures, `${failures.length} of ${plan.length} requests`).toEqual([]);
  expect(await snapshot(admin)).toBe(before);
  await admin.dispose();
  await viewer.dispose();
});

/**
 * Bodies no mutating route accepts: not JSON, not an object, or an object whose every field is of
 * the wrong type or unknown. Routes that take an id get one that does not exist as well, so even a
 * body that passed validation could change nothing.
 */
function malformedBodies(): string[] {
  const bodies = [
    "",
    " ",
    "null",
    "[]",
    '"text"',
    "42",
    "{",
    "{'a':1}",
    "\u0000{}",
    `{"x":"${"a".repeat(2_000_000)}"}`,
  ];
  for (const field of [
    "tenant",
    "kind",
    "name",
    "threshold",
    "replicas",
    "revision",
    "selection",
    "action",
    "reason",
    "claimId",
    "stage",
    "environment",
    "slug",
    "confirm",
    "lagSloSeconds",
    "source",
  ]) {
    for (const wrong of WRONG_TYPES)
      bodies.push(json({ [field]: wrong, [INJECTIONS[bodies.length % INJECTIONS.length]!]: true }));
    for (const injection of INJECTIONS) bodies.push(json({ [field]: injection, unknownField: injection }));
  }
  return bodies;
}

const OTHER_MUTATIONS: Array<{ method: "POST" | "PUT" | "PATCH"; path: string }> = [
  { method: "POST", path: "/api/alerts/rules" },
  { method: "PATCH", path: `/api/alerts/rules/${NO_SUCH_ID}` },
  { method: "POST", path: "/api/deployments" },
  { method: "PATCH", path: `/api/deployments/${NO_SUCH_ID}/scale` },
  { method: "POST", path: `/api/deployments/${NO_SUCH_ID}/rollback` },
  { method: "POST", path: "/api/deployments/promote" },
  { method: "POST", path: "/api/tenants/acme-health/dlq/replay" },
  { method: "POST", path: "/api/tenants/acme-health/dlq/resolve" },
  { method: "POST", path: "/api/tenants/acme-health/connector" },
  { method: "POST", path: "/api/tenants/acme-health/members/M-NO-SUCH-MEMBER/resync" },
  { method: "POST", path: "/api/tenants" },
  { method: "PUT", path: "/api/tenants/acme-health" },
  { method: "POST", path: "/api/tenants/acme-health/decline" },
  { method: "POST", path: "/api/tenants/acme-health/offboard" },
  { method: "PATCH", path: "/api/tenants/acme-health/settings" },
];
const OTHER_QUERIES = [
  "/api/alerts",
  "/api/tenants/acme-health/dlq",
  "/api/lookup/search",
  "/api/palette",
  "/api/deployments",
  "/api/lag/groups",
  "/api/users",
  "/api/tenants",
];

asAdmin(
  "malformed bodies across the alert, deployment, dead-letter, connector, re-sync and tenant routes: every one a 4xx; malformed queries: never a 5xx",
  async ({ baseURL }) => {
    asAdmin.setTimeout(240_000);
    const admin = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
    const bodies = malformedBodies();
    const plan: Array<{ shot: Shot; api: APIRequestContext; mayAnswer?: boolean }> = OTHER_MUTATIONS.flatMap(
      ({ method, path }) => bodies.map((body) => ({ shot: { method, path, body }, api: admin })),
    );
    for (const path of OTHER_QUERIES) {
      for (const query of malformedQueries().filter((q) => !q.startsWith("tenant=acme") && !q.startsWith("user"))) {
        plan.push({ shot: { method: "GET", path: `${path}?${query}` }, api: admin, mayAnswer: true });
      }
    }
    expect(plan.length).toBeGreaterThanOrEqual(1000);
    const failures = await fireAll(plan);
    expect(failures, `${failures.length} of ${plan.length} requests`).toEqual([]);
    await admin.dispose();
  },
);

/** Requests that once reached the database and failed there with a 500; each a 400 that names what is wrong. */
const ONCE_5XX: Array<{ method: "GET" | "POST"; path: string; body?: unknown; says: RegExp }> = [
  {
    method: "GET",
    path: "/api/tenants/acme-health%00/flow",
    says: /path parameter "slug" contains a control character/,
  },
  { method: "GET", path: "/api/tenants/acme-health%00/pipeline", says: /path parameter "slug"/ },
  { method: "GET", path: "/api/lag/groups/%00", says: /path parameter "groupId"/ },
  { method: "GET", path: "/api/lag/groups/sync.acme-health.update-processor%00", says: /path parameter "groupId"/ },
  { method: "GET", path: "/api/environments/%00/status", says: /path parameter "id"/ },
  {
    method: "GET",
    path: "/api/tenants/acme-health/dlq?cursor=9999999999999999999",
    says: /cursor must be a whole number from 1 to 9223372036854775807/,
  },
  {
    method: "GET",
    path: "/api/tenants/acme-health/dlq?kind=retry&cursor=9223372036854775808",
    says: /cursor must be a whole number/,
  },
  {
    method: "GET",
    path: "/api/tenants/acme-health/dlq/9223372036854775808",
    says: /message id must be a whole number/,
  },
  { method: "GET", path: "/api/alerts?before=9999999999999999999", says: /before must be a whole number/ },
  {
    method: "GET",
    path: "/api/tenants/acme-health/dlq?from=-271821-04-20",
    says: /from must be an ISO-8601 time in the years 1 to 9999/,
  },
  { method: "GET", path: "/api/tenants/acme-health/dlq?to=%2B275760-09-13", says: /to must be an ISO-8601 time/ },
  { method: "GET", path: "/api/audit?from=0000-01-01", says: /from: is not a real date in the years 1 to 9999/ },
  {
    method: "POST",
    path: "/api/tenants/acme-health/dlq/replay",
    body: { selection: { ids: ["9999999999999999999"] }, dryRun: true },
    says: /each id must be a whole number/,
  },
  {
    method: "POST",
    path: "/api/tenants/acme-health/dlq/replay",
    body: { selection: { filter: { from: "-271821-04-20" } }, dryRun: true },
    says: /from must be an ISO-8601 time/,
  },
  {
    method: "POST",
    path: "/api/tenants/acme-health/dlq/replay",
    body: { selection: { filter: { errorClass: "a\u0000" } }, dryRun: true },
    says: /selection\.filter\.errorClass: contains a NUL character/,
  },
  {
    method: "POST",
    path: "/api/deployments",
    body: { environment: "local\u0000", tenant: "acme-health", stage: "update-processor", reason: "never stored" },
    says: /environment: contains a NUL character/,
  },
];

asAdmin(
  "NUL in a path parameter, ids past bigint and years past 9999 answer 400 saying which value is wrong",
  async ({ request }) => {
    const answers = [];
    for (const shot of ONCE_5XX) {
      const response = await request.fetch(shot.path, {
        method: shot.method,
        ...(shot.body === undefined ? {} : { data: shot.body }),
      });
      answers.push({
        request: `${shot.method} ${shot.path}`,
        status: response.status(),
        message: (await response.json()).error?.message as string,
      });
    }
    expect(answers).toEqual(
      ONCE_5XX.map((shot) => ({
        request: `${shot.method} ${shot.path}`,
        status: 400,
        message: expect.stringMatching(shot.says),
      })),
    );
  },
);
