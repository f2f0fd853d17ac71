import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The tenant is resolved in one place, apiRoute's `{ tenant }` option: no route resolves it itself,
 * and every route under /api/tenants/{slug} declares the rule its tenant is resolved with.
 */
const API = path.join(__dirname);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const relative = (file: string) => path.relative(API, file);

describe("tenant routes", () => {
  const files = routeFiles(API);

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it("never resolve the tenant themselves", () => {
    const resolving = files.filter((file) =>
      /resolveTenant|parseTenantSlug|auth\/resolve-tenant|requireTenantPage/.test(fs.readFileSync(file, "utf8")),
    );
    expect(resolving.map(relative)).toEqual([]);
  });

  it("under /api/tenants/{slug} declare their tenant rule on every handler", () => {
    const scoped = files.filter((file) => relative(file).startsWith(path.join("tenants", "[slug]")));
    expect(scoped.length).toBeGreaterThan(20);
    const missing = scoped.flatMap((file) => {
      const calls = [...fs.readFileSync(file, "utf8").matchAll(/apiRoute(?:<[^>]*>)?\(\s*(\{\s*tenant:)?/g)];
      if (calls.length === 0) return [`${relative(file)}: no apiRoute`];
      return calls.filter((call) => !call[1]).map(() => `${relative(file)}: a handler without { tenant }`);
    });
    expect(missing).toEqual([]);
  });
});
