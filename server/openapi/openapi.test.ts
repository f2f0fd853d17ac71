import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESPONSES_BY_OPERATION } from "./responses/by-operation";
import { OPERATIONS, openApiDocument, RESPONSE_SCHEMAS } from "./spec";

const API_DIR = path.join(__dirname, "..", "..", "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every `METHOD path` that app/api route files export, e.g. `get /api/tenants/{slug}`. */
function routeOperations(dir = API_DIR, prefix = "/api"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      const segment = entry.name.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}");
      return routeOperations(path.join(dir, entry.name), `${prefix}/${segment}`);
    }
    if (entry.name !== "route.ts") return [];
    const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
    const declared = [...source.matchAll(/export (?:const|async function|function) (\w+)\b/g)].map((m) => m[1]!);
    const reexported = [...source.matchAll(/export \{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(",").map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      ),
    );
    return [...declared, ...reexported]
      .filter((name) => METHODS.includes(name))
      .map((name) => `${name.toLowerCase()} ${prefix}`);
  });
}

/** The parts of a JSON Schema and an OpenAPI document these assertions read. */
type Schema = {
  type?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
  maximum?: number;
  $ref?: string;
};
type Parameter = { name: string; in: string; required: boolean; schema: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, unknown> };
};
const document = JSON.parse(JSON.stringify(openApiDocument())) as Doc;
const parametersOf = (op: Operation) => Object.fromEntries((op.parameters ?? []).map((p) => [p.name, p]));
const documented = Object.entries(document.paths).flatMap(([p, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ key: `${method} ${p}`, op })),
);

describe("OpenAPI description", () => {
  it("documents every method every route file exports, and nothing else", () => {
    const found = routeOperations();
    expect(found.length).toBeGreaterThan(50);
    expect(documented.map((d) => d.key).sort()).toEqual(found.sort());
  });

  it("gives every operation a unique operationId", () => {
    const ids = documented.map((d) => d.op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("types every query parameter, with the query schema's integers, enums and defaults", () => {
    const query = documented.flatMap((d) =>
      (d.op.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ ...p, key: d.key })),
    );
    expect(query.length).toBeGreaterThan(30);
    for (const p of query) expect(p.schema.type, `${p.key} ?${p.name}`).toMatch(/^(string|integer|number|boolean)$/);
    const lag = parametersOf(document.paths["/api/lag/groups"]!.get!);
    expect(lag.page!.schema).toMatchObject({ type: "integer", minimum: 1, default: 1 });
    expect(lag.status!.schema.enum).toEqual(["OK", "WARN", "REWIND", "STALL", "STOP", "ERR"]);
    expect(lag.sort!.schema).toMatchObject({ default: "status" });
    const dlq = parametersOf(document.paths["/api/tenants/{slug}/dlq"]!.get!);
    expect(dlq.limit!.schema).toMatchObject({ type: "integer", maximum: 200, default: 50 });
    expect(dlq.kind!.schema.enum).toEqual(["retry", "dlq"]);
  });

  it("describes every JSON answer with a schema, and every $ref resolves", () => {
    for (const { key, op } of documented) {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith("2"));
      expect(success, key).toHaveLength(1);
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(100);
    for (const [, kind, name] of refs)
      expect(document.components[kind as "schemas" | "responses"], `${kind}/${name}`).toHaveProperty([name!]);
    for (const name of ["Error", "TenantDetail", "Deployment", "LagGroup", "DrainEstimate", "DeadLetter", "User"])
      expect(document.components.schemas).toHaveProperty([name]);
    expect(RESPONSE_SCHEMAS.size).toBeGreaterThan(55);
  });

  it("answers errors in one shape, with the statuses that apply to each operation", () => {
    const error = document.components.schemas.Error!;
    expect(error.required).toEqual(["error"]);
    expect(error.properties!.error!.required).toEqual(["code", "message"]);
    const statuses = (key: string) => Object.keys(documented.find((d) => d.key === key)!.op.responses);
    expect(statuses("get /api/tenants")).toEqual(["200", "400", "401", "403", "500"]);
    expect(statuses("patch /api/deployments/{id}/scale")).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "409",
      "413",
      "500",
    ]);
    expect(statuses("post /api/tenants")).toContain("201");
    expect(statuses("get /api/readyz")).toEqual(["200", "503"]);
    expect(document.paths["/api/healthz"]!.get!.security).toEqual([]);
  });

  it("takes request bodies from the routes' own schemas", () => {
    const body = (path: string, method: string) =>
      document.paths[path]![method]!.requestBody!.content["application/json"]!.schema;
    const scale = body("/api/deployments/{id}/scale", "patch");
    expect(scale.required).toEqual(["replicas"]);
    expect(scale.properties!.replicas!.maximum).toBe(12);
    const connector = body("/api/tenants/{slug}/connector", "post");
    expect(
      (connector.oneOf ?? connector.anyOf)!.map((s) => s.properties!.action!.enum ?? s.properties!.action!.const),
    ).toEqual([["pause", "resume", "restart"], "restart-task"]);
  });

  it("describes the time to drain on the lag list, and on the group, its topics and partitions", () => {
    const drain = document.components.schemas.DrainEstimate!;
    expect(drain.anyOf!.flatMap((s) => s.anyOf ?? [s]).map((s) => s.properties?.state?.const ?? s.type)).toEqual([
      "caught-up",
      "draining",
      "not-draining",
      "null",
    ]);
    expect(document.components.schemas.LagGroup!.properties!.drain).toEqual({
      $ref: "#/components/schemas/DrainEstimate",
    });
    const group = document.components.schemas.GetConsumerGroupResponse!.properties!.group!;
    expect(group.properties!.drain).toEqual({ $ref: "#/components/schemas/DrainEstimate" });
    expect(group.properties!.topics!.items!.properties!.partitions!.items!.properties!.drain).toEqual({
      $ref: "#/components/schemas/DrainEstimate",
    });
  });

  it("checks answers strictly: a field the document does not name is refused", () => {
    const schema = RESPONSE_SCHEMAS.get("getLiveness")!;
    expect(schema.safeParse({ ok: true }).success).toBe(true);
    expect(schema.safeParse({ ok: true, extra: 1 }).success).toBe(false);
    expect(OPERATIONS.filter((op) => "schema" in op.ok).length).toBe(RESPONSE_SCHEMAS.size + 2); // next-auth's two answer as next-auth does
  });

  it("lists the same response schema for each operation in the table the browser tests read", () => {
    expect(Object.keys(RESPONSES_BY_OPERATION).sort()).toEqual([...RESPONSE_SCHEMAS.keys()].sort());
    for (const [operationId, schema] of RESPONSE_SCHEMAS)
      expect(RESPONSES_BY_OPERATION[operationId], operationId).toBe(schema);
  });
});
