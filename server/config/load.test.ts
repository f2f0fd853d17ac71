import { describe, expect, it } from "vitest";
import { defaultOf, describeVariable, FAMILIES, VARIABLES, type VariableSpec } from "./catalogue";
import { ConfigError, configValue, loadConfig } from "./load";

const base = {
  DATABASE_URL: "postgresql://syncdeck:pw@db:5432/syncdeck",
  KAFKA_BROKERS: "b-1:9092,b-2:9092",
  NEXTAUTH_SECRET: "x".repeat(32),
  NEXTAUTH_URL: "https://syncdeck.example.com",
};

function problem(env: Record<string, string | undefined>, process: Parameters<typeof loadConfig>[1]): ConfigError {
  try {
    loadConfig(env, process);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("names the variable, the rule and the value it got", () => {
    const error = problem({ ...base, RETRY_MAX_ATTEMPTS: "x" }, "worker");
    expect(error.message).toBe('RETRY_MAX_ATTEMPTS must be a whole number from 1 to 100, got "x"');
    expect(error.variable).toBe("RETRY_MAX_ATTEMPTS");
    expect(problem({ ...base, SYNCDECK_LAG_INTERVAL_MS: "5s" }, "console").message).toBe(
      'SYNCDECK_LAG_INTERVAL_MS must be a whole number from 100 to 3600000, got "5s"',
    );
    expect(problem({ ...base, HEARTBEAT_INTERVAL_MS: "soon" }, "processor").message).toBe(
      'HEARTBEAT_INTERVAL_MS must be a positive integer, got "soon"',
    );
  });

  it("says what a missing required variable is, per process", () => {
    expect(problem({ ...base, KAFKA_BROKERS: "" }, "worker").message).toBe(
      "KAFKA_BROKERS is not set; it is the comma-separated host:port list of the Kafka cluster",
    );
    expect(problem({ ...base, NEXTAUTH_SECRET: undefined }, "console").message).toMatch(
      /^NEXTAUTH_SECRET is not set; it signs sessions/,
    );
    expect(() => loadConfig({ ...base, NEXTAUTH_SECRET: undefined, NEXTAUTH_URL: undefined }, "worker")).not.toThrow();
    expect(() => loadConfig({ DATABASE_URL: base.DATABASE_URL }, "cli")).not.toThrow();
  });

  it("never repeats a secret's value", () => {
    const error = problem({ ...base, NEXTAUTH_SECRET: "hunter2-short" }, "console");
    expect(error.message).toBe("NEXTAUTH_SECRET must have at least 32 characters (e.g. `openssl rand -base64 32`)");
    expect(problem({ ...base, DATABASE_URL: "mysql://root:topsecret@db/x" }, "worker").message).not.toContain(
      "topsecret",
    );
  });

  it("checks only what the process reads", () => {
    const env = { ...base, SYNCDECK_VIEWER_CACHE_MS: "forever" };
    expect(() => loadConfig(env, "worker")).not.toThrow();
    expect(problem(env, "console").variable).toBe("SYNCDECK_VIEWER_CACHE_MS");
    expect(() => loadConfig({ ...base, CONSUMER_CONCURRENCY: "0" }, "console")).not.toThrow();
    expect(problem({ ...base, CONSUMER_CONCURRENCY: "0" }, "processor").variable).toBe("CONSUMER_CONCURRENCY");
  });

  it("lists every wrong variable at once", () => {
    const error = problem({ ...base, SYNCDECK_LAG_SAMPLER: "no", RETRY_DELAYS_MS: "1s" }, "worker");
    expect(error.problems.map((p) => p.variable)).toEqual(["SYNCDECK_LAG_SAMPLER", "RETRY_DELAYS_MS"]);
    expect(error.message).toBe(
      'SYNCDECK_LAG_SAMPLER must be "off" or "on", got "no"; RETRY_DELAYS_MS must be comma-separated milliseconds, e.g. 1000,10000,60000, got "1s"',
    );
  });

  it("counts an empty variable as unset and applies the defaults", () => {
    const values = loadConfig({ ...base, SYNCDECK_LAG_INTERVAL_MS: "", KAFKA_CLIENT_ID: " " }, "worker");
    expect(values.SYNCDECK_LAG_INTERVAL_MS).toBe(5_000);
    expect(values.KAFKA_CLIENT_ID).toBe("syncdeck");
    expect(values.RETRY_DELAYS_MS).toEqual([1_000, 10_000, 60_000, 600_000]);
    expect(values.KAFKA_BROKERS).toEqual(["b-1:9092", "b-2:9092"]);
    expect(values.NEXTAUTH_SECRET).toBeUndefined();
  });

  it("validates the members of a variable family by their name", () => {
    const env = { ...base, SYNCDECK_SOURCE_SECRET_ACME: "pw", SYNCDECK_SOURCE_SECRET_ACME_SSLMODE: "prefer" };
    expect(problem(env, "worker").message).toBe(
      'SYNCDECK_SOURCE_SECRET_ACME_SSLMODE must be "verify-full" or "disable", got "prefer"',
    );
    expect(problem({ ...base, SYNCDECK_SOURCE_SECRET_ACME_HOSTS: "db.acme.test" }, "console").message).toMatch(
      /^SYNCDECK_SOURCE_SECRET_ACME_HOSTS must be host:port\[\/database\] entries/,
    );
    expect(() => loadConfig(env, "processor")).not.toThrow();
  });

  it("applies the rules that join variables: Kafka TLS/SASL, SSO, proxies", () => {
    expect(problem({ ...base, KAFKA_SASL_USERNAME: "syncdeck" }, "agent").message).toBe(
      "KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)",
    );
    expect(problem({ ...base, KAFKA_SASL_MECHANISM: "kerberos" }, "console").message).toMatch(
      /^KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512 \(got "kerberos"\)$/,
    );
    expect(
      problem(
        { ...base, OIDC_ISSUER: "https://idp", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_ROLE_MAP: "ops" },
        "console",
      ).message,
    ).toMatch(/OIDC_ROLE_MAP entry "ops"/);
    expect(problem({ ...base, TRUST_PROXY: "maybe" }, "console").message).toMatch(/^TRUST_PROXY must be false, true/);
  });
});

describe("configValue", () => {
  it("gives the typed value or the catalogue's default, and refuses a malformed one", () => {
    expect(configValue("SYNCDECK_VIEWER_CACHE_MS", {})).toBe(5_000);
    expect(configValue("SYNCDECK_VIEWER_CACHE_MS", { SYNCDECK_VIEWER_CACHE_MS: "0" })).toBe(0);
    expect(configValue("KAFKA_CONNECT_URL", {})).toBeUndefined();
    expect(() => configValue("SYNCDECK_TENANT_JOB_STALE_MS", { SYNCDECK_TENANT_JOB_STALE_MS: "-1" })).toThrow(
      'SYNCDECK_TENANT_JOB_STALE_MS must be a whole number from 1000 to 86400000, got "-1"',
    );
  });
});

describe("the catalogue", () => {
  it("parses every documented default with the variable's own schema", () => {
    for (const [name, spec] of Object.entries(VARIABLES) as [string, VariableSpec][]) {
      if (spec.default !== undefined) expect(spec.schema.safeParse(spec.default).success, name).toBe(true);
      for (const process of spec.requiredBy ?? []) expect(spec.readBy, name).toContain(process);
      expect(spec.meaning.length, name).toBeGreaterThan(10);
    }
    expect(defaultOf(VARIABLES.HEARTBEAT_INTERVAL_MS)).toBe("5000");
    expect(defaultOf(VARIABLES.RETRY_DELAYS_MS)).toBe("1000,10000,60000,600000");
  });

  it("finds a family member's entry by its name and no other", () => {
    expect(describeVariable("SYNCDECK_SOURCE_SECRET_ACME_HOSTS")?.name).toBe("SYNCDECK_SOURCE_SECRET_<NAME>_HOSTS");
    expect(describeVariable("SYNCDECK_SOURCE_SECRET_ACME")?.name).toBe("SYNCDECK_SOURCE_SECRET_<NAME>");
    expect(describeVariable("SYNCDECK_SOURCE_SECRET_")).toBeUndefined();
    expect(describeVariable("SYNCDECK_SOURCE_SECRET_HOSTS")).toBeUndefined();
    expect(describeVariable("KAFKA_BROKER")).toBeUndefined();
    expect(FAMILIES.every((f) => f.pattern.startsWith(f.prefix))).toBe(true);
  });
});
