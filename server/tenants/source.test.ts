import { describe, expect, it } from "vitest";
import { connectSecretReference, describeSource, pgSsl, resolveSource, sourceKind } from "./source";

const env = {
  DATABASE_URL: "postgres://syncdeck:pw@127.0.0.1:5433/syncdeck",
  NEXTAUTH_SECRET: "x",
  SYNCDECK_SOURCE_SECRET_INITECH: "s3cret",
  SYNCDECK_SOURCE_SECRET_INITECH_HOSTS: "db.initech.test:6432/claims",
};
const external = {
  kind: "external",
  host: "db.initech.test",
  port: 6432,
  database: "claims",
  user: "cdc",
  passwordSecret: "INITECH",
};
const noCa = () => {
  throw new Error("no CA file expected");
};

describe("resolveSource", () => {
  it("puts a managed source on the platform's source server, in the tenant's own database", () => {
    const source = resolveSource("initech-health", { kind: "managed" }, env);
    expect(source.target).toBe("postgres://syncdeck:pw@127.0.0.1:5433/source_initech_health");
    expect(source.display).toBe("postgres://syncdeck:***@127.0.0.1:5433/source_initech_health");
    expect(source.serverUrl).toBe(env.DATABASE_URL);
    expect(source.connection).toMatchObject({ hostname: "127.0.0.1", port: 5433, database: "source_initech_health" });
  });

  it("prefers SOURCE_DATABASE_SERVER_URL for managed sources", () => {
    const source = resolveSource(
      "initech-health",
      { kind: "managed" },
      { ...env, SOURCE_DATABASE_SERVER_URL: "postgres://a:b@10.0.0.5:5432/postgres" },
    );
    expect(source.target).toBe("postgres://a:b@10.0.0.5:5432/source_initech_health");
  });

  it("connects to an external source with its secret over TLS verify-full, and gives the connector only a reference", () => {
    const source = resolveSource("initech-health", external, env, noCa);
    expect(source.target).toEqual({
      host: "db.initech.test",
      port: 6432,
      database: "claims",
      user: "cdc",
      password: "s3cret",
      ssl: { rejectUnauthorized: true },
    });
    expect(source.display).not.toContain("s3cret");
    expect(source.connection).toEqual({
      hostname: "db.initech.test",
      port: 6432,
      user: "cdc",
      database: "claims",
      password: "${env:SYNCDECK_SOURCE_SECRET_INITECH}",
      sslMode: "verify-full",
    });
    expect(JSON.stringify(source.connection)).not.toContain("s3cret");
  });

  it("uses the registered CA, and no TLS only when the secret's registration says so", () => {
    const withCa = resolveSource(
      "initech-health",
      external,
      { ...env, SYNCDECK_SOURCE_SECRET_INITECH_SSLROOTCERT: "/etc/ca.pem" },
      (file) => `PEM of ${file}`,
    );
    expect(withCa.target).toMatchObject({ ssl: { rejectUnauthorized: true, ca: "PEM of /etc/ca.pem" } });
    expect(withCa.connection).toMatchObject({ sslMode: "verify-full", sslRootCert: "/etc/ca.pem" });
    const plain = resolveSource(
      "initech-health",
      external,
      { ...env, SYNCDECK_SOURCE_SECRET_INITECH_SSLMODE: "disable" },
      noCa,
    );
    expect(plain.target).toMatchObject({ ssl: false });
    expect(plain.connection.sslMode).toBe("disable");
    expect(pgSsl({ mode: "verify-full", rootCert: null }, noCa)).toEqual({ rejectUnauthorized: true });
  });

  it("refuses a secret for a host, port or database it is not registered for", () => {
    expect(() => resolveSource("initech-health", { ...external, host: "evil.example" }, env)).toThrow(
      "SYNCDECK_SOURCE_SECRET_INITECH is registered for db.initech.test:6432/claims, not for evil.example:6432/claims",
    );
    expect(() => resolveSource("initech-health", { ...external, port: 5432 }, env)).toThrow(
      "its password is not sent there",
    );
    expect(() => resolveSource("initech-health", { ...external, database: "other" }, env)).toThrow(
      "its password is not sent there",
    );
  });

  it("says which secret is missing or unregistered, and reads only the source-secret prefix", () => {
    expect(() => resolveSource("initech-health", { ...external, passwordSecret: "OTHER" }, env)).toThrow(
      "the platform has no secret SYNCDECK_SOURCE_SECRET_OTHER",
    );
    expect(() => resolveSource("initech-health", { ...external, passwordSecret: "NEXTAUTH_SECRET" }, env)).toThrow(
      "SYNCDECK_SOURCE_SECRET_NEXTAUTH_SECRET",
    );
    expect(() =>
      resolveSource("initech-health", external, { ...env, SYNCDECK_SOURCE_SECRET_INITECH_HOSTS: undefined }),
    ).toThrow("is not registered for any host");
    const { passwordSecret: _, ...unassigned } = external;
    expect(() => resolveSource("initech-health", unassigned, env)).toThrow(
      "no password secret is assigned to postgres://cdc@db.initech.test:6432/claims yet",
    );
  });

  it("describes a source without its password", () => {
    expect(describeSource("initech-health", { kind: "managed" })).toBe(
      "platform-managed database source_initech_health",
    );
    expect(describeSource("initech-health", external)).toBe(
      "postgres://cdc@db.initech.test:6432/claims (password in SYNCDECK_SOURCE_SECRET_INITECH)",
    );
    expect(describeSource("initech-health", { ...external, passwordSecret: undefined })).toBe(
      "postgres://cdc@db.initech.test:6432/claims (no password secret assigned yet)",
    );
    expect(describeSource("initech-health", {})).toBe("unknown source");
  });

  it("names a stored source's kind, unknown when it no longer validates", () => {
    expect(sourceKind({ kind: "managed" })).toBe("managed");
    expect(sourceKind(external)).toBe("external");
    expect(sourceKind({ kind: "external" })).toBe("unknown");
  });

  it("refers Connect to the secret by its variable", () => {
    expect(connectSecretReference("SYNCDECK_SOURCE_SECRET_X")).toBe("${env:SYNCDECK_SOURCE_SECRET_X}");
  });
});
