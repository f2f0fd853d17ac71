import { describe, expect, it } from "vitest";
import { isSensitiveKey, maskSecretValues, maskUrlPasswords, REDACTED, redactFields, secretValuesOf } from "./redact";

describe("maskUrlPasswords", () => {
  it("masks the password of a connection string and keeps the user, host and database", () => {
    expect(maskUrlPasswords("connect to postgres://syncdeck:s3cr%40t@db.internal:5432/syncdeck failed")).toBe(
      "connect to postgres://syncdeck:***@db.internal:5432/syncdeck failed",
    );
  });

  it("masks every URL in the text, any scheme, and leaves URLs without a password alone", () => {
    expect(
      maskUrlPasswords("a=postgresql://u:p1@h/x b=https://x:y@example.com c=http://example.com:8083/connectors"),
    ).toBe("a=postgresql://u:***@h/x b=https://x:***@example.com c=http://example.com:8083/connectors");
  });

  it("leaves text without URLs unchanged", () => {
    expect(maskUrlPasswords("lag 12 s at 10:15:00, user: admin")).toBe("lag 12 s at 10:15:00, user: admin");
  });
});

describe("redactFields", () => {
  it("replaces credentials at any depth, in any casing", () => {
    const redacted = redactFields({
      password: "hunter2",
      config: {
        KAFKA_SASL_PASSWORD: "x",
        nextauthSecret: "y",
        apiKey: "z",
        headers: { Authorization: "Bearer t", cookie: "s=1", accept: "json" },
      },
      list: [{ accessToken: "t" }],
      tenant: "acme",
    });
    expect(redacted).toEqual({
      password: REDACTED,
      config: {
        KAFKA_SASL_PASSWORD: REDACTED,
        nextauthSecret: REDACTED,
        apiKey: REDACTED,
        headers: { Authorization: REDACTED, cookie: REDACTED, accept: "json" },
      },
      list: [{ accessToken: REDACTED }],
      tenant: "acme",
    });
  });

  it("never carries member health data: names, dates of birth, addresses, claim and change payloads", () => {
    const redacted = redactFields({
      memberId: "M000001",
      first_name: "Ada",
      lastName: "Lovelace",
      date_of_birth: "1815-12-10",
      dateOfBirth: "1815-12-10",
      address_line: "12 St James's Square",
      payload: { claim_id: "C1", drug_name: "x" },
      after: { member_id: "M000001", first_name: "Ada" },
    }) as Record<string, unknown>;
    expect(redacted).toEqual({
      memberId: "M000001",
      first_name: REDACTED,
      lastName: REDACTED,
      date_of_birth: REDACTED,
      dateOfBirth: REDACTED,
      address_line: REDACTED,
      payload: REDACTED,
      after: REDACTED,
    });
    expect(JSON.stringify(redacted)).not.toMatch(/Ada|Lovelace|1815/);
  });

  it("masks connection-string passwords inside strings and errors, keeping the error's message and stack", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED postgres://app:pw123456@db/x"), {
      code: "ECONNREFUSED",
      password: "pw123456",
    });
    const redacted = redactFields({ err: error, note: "postgres://app:pw123456@db/x" }) as {
      err: Record<string, unknown>;
      note: string;
    };
    expect(redacted.note).toBe("postgres://app:***@db/x");
    expect(redacted.err).toMatchObject({
      type: "Error",
      message: "connect ECONNREFUSED postgres://app:***@db/x",
      code: "ECONNREFUSED",
      password: REDACTED,
    });
    expect(String(redacted.err.stack)).toContain("postgres://app:***@db/x");
    expect(JSON.stringify(redacted)).not.toContain("pw123456");
  });

  it("survives cycles and keeps other values as they are", () => {
    const a: Record<string, unknown> = { n: 1, ok: true, none: null, at: new Date(0) };
    a.self = a;
    expect(redactFields(a)).toEqual({ n: 1, ok: true, none: null, at: new Date(0), self: "[…]" });
  });
});

describe("isSensitiveKey", () => {
  it("does not hide the fields operators need", () => {
    for (const key of [
      "tenant",
      "stage",
      "requestId",
      "component",
      "topic",
      "groupId",
      "broker",
      "worker",
      "memberId",
      "lagSeconds",
    ])
      expect(isSensitiveKey(key), key).toBe(false);
  });
});

describe("secretValuesOf and maskSecretValues", () => {
  const env = {
    DATABASE_URL: "postgres://syncdeck:db-pa%24%24word@localhost:5432/syncdeck",
    KAFKA_SASL_PASSWORD: "sasl-marker-7f3a",
    NEXTAUTH_SECRET: 'a"quoted\\secret-of-32-characters!',
    KAFKA_BROKERS: "localhost:9092",
    SYNCDECK_LAG_SAMPLER: "off",
    SHORT_TOKEN: "abc",
    LOCAL_URL: "postgres://postgres:postgres@127.0.0.1/x",
    APP_URL: "postgres://syncdeck_console:syncdeck_console@127.0.0.1/x",
    SYNCDECK_SOURCE_SECRET_ACME: "source-marker-31",
    SYNCDECK_SOURCE_SECRET_ACME_HOSTS: "acme-db.internal:5432",
    SYNCDECK_SOURCE_SECRET_ACME_SSLROOTCERT: "/etc/syncdeck/acme-ca.pem",
  };

  it("collects secret variables and connection-string passwords (encoded and decoded), not ordinary settings", () => {
    const secrets = secretValuesOf(env);
    expect(secrets).toEqual(
      expect.arrayContaining([
        "sasl-marker-7f3a",
        'a"quoted\\secret-of-32-characters!',
        "db-pa%24%24word",
        "db-pa$$word",
      ]),
    );
    expect(secrets).not.toContain("localhost:9092");
    expect(secrets).not.toContain("off");
    expect(secrets).not.toContain("abc"); // too short to mask safely
    // the local stack's passwords are ordinary words (or the user's name): masked in URLs only
    expect(secrets).not.toContain("postgres");
    expect(secrets).not.toContain("syncdeck_console");
    // a source secret is masked, the hosts it may reach and its CA file's path are not
    expect(secrets).toContain("source-marker-31");
    expect(secrets).not.toContain("acme-db.internal:5432");
    expect(secrets).not.toContain("/etc/syncdeck/acme-ca.pem");
  });

  it("masks each secret where it appears in a serialized line, also JSON-escaped", () => {
    const line = JSON.stringify({ msg: `sasl-marker-7f3a then db-pa$$word and ${env.NEXTAUTH_SECRET}` });
    const masked = maskSecretValues(line, secretValuesOf(env));
    expect(JSON.parse(masked)).toEqual({ msg: "*** then *** and ***" });
  });
});
