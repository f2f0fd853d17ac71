import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_PATHS, openApiDocument } from "./spec";

const API_DIR = path.join(__dirname, "..", "..", "app", "api");

/** app/api route files as OpenAPI paths with the HTTP methods each exports. */
function routes(dir = API_DIR, prefix = "/api"): Array<{ path: string; methods: string[] }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      const segment = entry.name.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}");
      return routes(path.join(dir, entry.name), `${prefix}/${segment}`);
    }
    if (entry.name !== "route.ts") return [];
    const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
    const reexported = /export \{ handler as GET, handler as POST \}/.test(source) ? ["get", "post"] : [];
    return [{ path: prefix, methods: [...methods, ...reexported] }];
  });
}

describe("OpenAPI description", () => {
  it("describes every route file and every method it exports, and nothing else", () => {
    const found = routes();
    expect(found.length).toBeGreaterThan(20);
    for (const route of found) {
      expect(API_PATHS, route.path).toHaveProperty([route.path]);
      expect(Object.keys(API_PATHS[route.path]!).sort(), route.path).toEqual(expect.arrayContaining(route.methods.sort()));
    }
    expect(Object.keys(API_PATHS).sort()).toEqual(found.map((r) => r.path).sort());
  });

  it("is a JSON document with the deployment bodies from the routes' own schemas", () => {
    const document = JSON.parse(JSON.stringify(openApiDocument()));
    expect(document.openapi).toBe("3.1.0");
    const body = document.paths["/api/deployments/{id}/scale"].patch.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["replicas"]);
    expect(body.properties.replicas.maximum).toBe(12);
  });

  it("describes the time to drain on the lag list, and on the group, its topics and partitions", () => {
    const document = JSON.parse(JSON.stringify(openApiDocument()));
    const list = document.paths["/api/lag/groups"].get.responses["200"].content["application/json"].schema;
    expect(list.properties.groups.items.properties.drain.oneOf[1].properties.state.enum).toEqual(["caught-up", "draining", "not-draining"]);
    const group = document.paths["/api/lag/groups/{groupId}"].get.responses["200"].content["application/json"].schema.properties.group;
    expect(group.properties.drain).toBeDefined();
    expect(group.properties.topics.items.properties.drain).toBeDefined();
    expect(group.properties.topics.items.properties.partitions.items.properties.drain.oneOf[1].properties.seconds.type).toBe("number");
  });
});
