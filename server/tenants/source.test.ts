import { describe, expect, it } from "vitest";
import { describeSource, resolveSource, sourceKind } from "./source";

const env = { DATABASE_URL: "postgres://syncdeck:pw@127.0.0.1:5433/syncdeck", SYNCDECK_SOURCE_SECRET_INITECH: "s3cret", NEXTAUTH_SECRET: "x" };
const external = { kind: "external", host: "db.initech.test", port: 6432, database: "claims", user: "cdc", passwordSecret: "INITECH" };

describe("resolveSource", () => {
  it("puts a managed source on the platform's source server, in the tenant's own database", () => {
    const source = resolveSource("initech-health", { kind: "managed" }, env);
    expect(source.url).toBe("postgres://syncdeck:pw@127.0.0.1:5433/source_initech_health");
    expect(source.display).toBe("postgres://syncdeck:***@127.0.0.1:5433/source_initech_health");
    expect(source.serverUrl).toBe(env.DATABASE_URL);
  });

  it("prefers SOURCE_DATABASE_SERVER_URL for managed sources", () => {
    const source = resolveSource("initech-health", { kind: "managed" }, { ...env, SOURCE_DATABASE_SERVER_URL: "postgres://a:b@10.0.0.5:5432/postgres" });
    expect(source.url).toBe("postgres://a:b@10.0.0.5:5432/source_initech_health");
  });

  it("reads an external source's password from its platform secret", () => {
    const source = resolveSource("initech-health", external, env);
    expect(source.url).toBe("postgres://cdc:s3cret@db.initech.test:6432/claims");
    expect(source.display).not.toContain("s3cret");
  });

  it("says which secret is missing, and reads only the source-secret prefix", () => {
    expect(() => resolveSource("initech-health", { ...external, passwordSecret: "OTHER" }, env)).toThrow("the platform has no secret SYNCDECK_SOURCE_SECRET_OTHER");
    expect(() => resolveSource("initech-health", { ...external, passwordSecret: "NEXTAUTH_SECRET" }, env)).toThrow("SYNCDECK_SOURCE_SECRET_NEXTAUTH_SECRET");
  });

  it("describes a source without its password", () => {
    expect(describeSource("initech-health", { kind: "managed" })).toBe("platform-managed database source_initech_health");
    expect(describeSource("initech-health", external)).toBe("postgres://cdc@db.initech.test:6432/claims (password in SYNCDECK_SOURCE_SECRET_INITECH)");
    expect(describeSource("initech-health", {})).toBe("unknown source");
  });

  it("names a stored source's kind, unknown when it no longer validates", () => {
    expect(sourceKind({ kind: "managed" })).toBe("managed");
    expect(sourceKind(external)).toBe("external");
    expect(sourceKind({ kind: "external" })).toBe("unknown");
  });
});
