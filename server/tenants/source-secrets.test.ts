import { describe, expect, it } from "vitest";
import { decideSecretAssignment, decideSecretUse, parseSecretHosts, readSourceSecret } from "./source-secrets";

const env = {
  SYNCDECK_SOURCE_SECRET_ACME: "pw",
  SYNCDECK_SOURCE_SECRET_ACME_HOSTS: " DB.acme.test:5432/claims , 10.0.0.7:6432, [::1]:5433 ",
};

describe("readSourceSecret", () => {
  it("reads the password, where it may go and its TLS settings (verify-full by default)", () => {
    expect(readSourceSecret("ACME", env)).toEqual({
      name: "ACME",
      variable: "SYNCDECK_SOURCE_SECRET_ACME",
      password: "pw",
      hosts: [
        { host: "db.acme.test", port: 5432, database: "claims" },
        { host: "10.0.0.7", port: 6432, database: null },
        { host: "::1", port: 5433, database: null },
      ],
      tls: { mode: "verify-full", rootCert: null },
    });
    expect(
      readSourceSecret("ACME", {
        ...env,
        SYNCDECK_SOURCE_SECRET_ACME_SSLMODE: "disable",
        SYNCDECK_SOURCE_SECRET_ACME_SSLROOTCERT: "/ca.pem",
      }).tls,
    ).toEqual({ mode: "disable", rootCert: "/ca.pem" });
  });

  it("refuses a secret with no hosts, a bad host list, a bad TLS mode, and a setting posing as a secret", () => {
    expect(() => readSourceSecret("ACME", { SYNCDECK_SOURCE_SECRET_ACME: "pw" })).toThrow(
      "SYNCDECK_SOURCE_SECRET_ACME is not registered for any host",
    );
    expect(() => readSourceSecret("ACME", { ...env, SYNCDECK_SOURCE_SECRET_ACME_HOSTS: "db.acme.test" })).toThrow(
      '"db.acme.test" is not host:port',
    );
    expect(() => readSourceSecret("ACME", { ...env, SYNCDECK_SOURCE_SECRET_ACME_SSLMODE: "prefer" })).toThrow(
      "_SSLMODE must be verify-full or disable",
    );
    expect(() => readSourceSecret("ACME_HOSTS", env)).toThrow("names a secret's setting");
    expect(() => readSourceSecret("NOPE", env)).toThrow("the platform has no secret SYNCDECK_SOURCE_SECRET_NOPE");
  });

  it("parses host lists strictly", () => {
    expect(() => parseSecretHosts("a:0", "X")).toThrow();
    expect(() => parseSecretHosts("a:70000", "X")).toThrow();
    expect(() => parseSecretHosts("a:5432/bad-db", "X")).toThrow();
    expect(parseSecretHosts("a:1,", "X")).toEqual([{ host: "a", port: 1, database: null }]);
  });
});

describe("decideSecretUse", () => {
  const secret = readSourceSecret("ACME", env);

  it("allows only a registered host and port, and the registered database when one is named", () => {
    expect(decideSecretUse(secret, { host: "db.acme.test", port: 5432, database: "claims" })).toEqual({
      allowed: true,
    });
    expect(decideSecretUse(secret, { host: "DB.ACME.TEST", port: 5432, database: "claims" })).toEqual({
      allowed: true,
    });
    expect(decideSecretUse(secret, { host: "10.0.0.7", port: 6432, database: "anything" })).toEqual({ allowed: true });
    expect(decideSecretUse(secret, { host: "::1", port: 5433, database: "x" })).toEqual({ allowed: true });
    for (const other of [
      { host: "db.acme.test", port: 5433, database: "claims" },
      { host: "db.acme.test", port: 5432, database: "members" },
      { host: "db.acme.test.evil.example", port: 5432, database: "claims" },
      { host: "10.0.0.8", port: 6432, database: "claims" },
    ]) {
      const decision = decideSecretUse(secret, other);
      expect(decision.allowed).toBe(false);
      expect(decision).toMatchObject({ reason: expect.stringContaining("its password is not sent there") });
    }
  });
});

describe("decideSecretAssignment", () => {
  it("lets only an approver assign a secret", () => {
    expect(decideSecretAssignment(true)).toEqual({ allowed: true });
    expect(decideSecretAssignment(false)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("only an admin assigns"),
    });
  });
});
