import { describe, expect, it } from "vitest";
import { parseProcessorConfig, tenantConfig } from "./processor-config";

const env = { DATABASE_URL: "postgresql://u:secret@localhost/db" };

describe("parseProcessorConfig", () => {
  it("takes the tenant from --tenant and defaults the rest", () => {
    const config = parseProcessorConfig("update-processor", ["--tenant", "acme-health"], {
      ...env,
      PROCESSOR_VERSION: "1.2.3",
    });
    expect(config).toMatchObject({
      tenant: "acme-health",
      stage: "update-processor",
      version: "1.2.3",
      heartbeatIntervalMs: 5_000,
      trailRetentionDays: 7,
      consumerMaxWaitMs: 100,
      consumerSessionTimeoutMs: 30_000,
      databaseSlots: 3,
    });
    expect(config.instanceId).toMatch(/^acme-health\.update-processor\./);
  });

  it("uses an explicit instance id and numeric settings from the environment", () => {
    const config = parseProcessorConfig("cdc-processor", ["--tenant", "acme", "--instance-id", "pod-1"], {
      ...env,
      TRAIL_RETENTION_DAYS: "3",
    });
    expect(config).toMatchObject({ instanceId: "pod-1", trailRetentionDays: 3 });
  });

  it("serves no metrics by default, and serves them where --metrics-port or SYNCDECK_METRICS_PORT says, with the token", () => {
    expect(parseProcessorConfig("cdc-processor", ["--tenant", "acme"], env).metrics).toBeNull();
    expect(
      parseProcessorConfig("cdc-processor", ["--tenant", "acme"], { ...env, SYNCDECK_METRICS_PORT: "9500" }).metrics,
    ).toEqual({ port: 9500, host: "0.0.0.0" });
    const both = parseProcessorConfig("cdc-processor", ["--tenant", "acme", "--metrics-port", "9600"], {
      ...env,
      SYNCDECK_METRICS_PORT: "9500",
      SYNCDECK_METRICS_HOST: "127.0.0.1",
      SYNCDECK_METRICS_TOKEN: "t0ken",
    });
    expect(both.metrics).toEqual({ port: 9600, host: "127.0.0.1", token: "t0ken" });
    expect(() => parseProcessorConfig("cdc-processor", ["--tenant", "acme", "--metrics-port", "many"], env)).toThrow(
      /port number/,
    );
  });

  it("refuses a missing or invalid tenant, unknown flags and bad variables, naming them", () => {
    expect(() => parseProcessorConfig("cdc-processor", [], env)).toThrow(/--tenant <slug>/);
    expect(() => parseProcessorConfig("cdc-processor", ["--tenant", "Bad Slug"], env)).toThrow(/tenant slug/);
    expect(() => parseProcessorConfig("cdc-processor", ["--tenant", "acme", "--bogus"], env)).toThrow(/bogus/);
    expect(() => parseProcessorConfig("cdc-processor", ["--tenant", "acme"], {})).toThrow(/DATABASE_URL is required/);
    expect(() =>
      parseProcessorConfig("cdc-processor", ["--tenant", "acme"], { ...env, HEARTBEAT_INTERVAL_MS: "soon" }),
    ).toThrow(/HEARTBEAT_INTERVAL_MS must be a positive integer/);
  });

  it("serves a pool: its tenants from --tenants, each beating under its own instance id", () => {
    const config = parseProcessorConfig(
      "update-processor",
      ["--pool", "pool-small-1", "--tenants", "acme, beta-co,acme,gamma", "--instance-id", "pool-a"],
      env,
    );
    expect(config).toMatchObject({
      pool: "pool-small-1",
      tenants: ["acme", "beta-co", "gamma"],
      tenantBatchBudget: 500,
      // the whole pool shares POOL_CONCURRENCY database slots; each tenant's partitions stay at CONSUMER_CONCURRENCY
      databaseSlots: 16,
      consumerConcurrency: 3,
    });
    expect(
      parseProcessorConfig("update-processor", ["--pool", "pool-a", "--tenants", "acme"], {
        ...env,
        POOL_CONCURRENCY: "6",
        CONSUMER_CONCURRENCY: "2",
      }),
    ).toMatchObject({ databaseSlots: 6, consumerConcurrency: 2 });
    expect(tenantConfig(config, "beta-co")).toMatchObject({
      tenant: "beta-co",
      tenants: ["beta-co"],
      instanceId: "pool-a/beta-co",
    });
    expect(() => tenantConfig(config, "other")).toThrow(/not served/);
    expect(config.membersRefreshMs).toBeNull();
    expect(parseProcessorConfig("cdc-processor", ["--pool", "pool-1", "--tenants", "acme"], env).instanceId).toMatch(
      /^pool-1\.cdc-processor\./,
    );
  });

  it("refreshes a pool's members only with --refresh-members, every POOL_MEMBERS_REFRESH_MS", () => {
    const args = ["--pool", "pool-small-1", "--tenants", "acme", "--refresh-members"];
    const config = parseProcessorConfig("update-processor", args, env);
    expect(config.membersRefreshMs).toBe(5_000);
    expect(tenantConfig(config, "joined-later")).toMatchObject({ tenant: "joined-later", tenants: ["joined-later"] });
    expect(
      parseProcessorConfig("update-processor", args, { ...env, POOL_MEMBERS_REFRESH_MS: "250" }).membersRefreshMs,
    ).toBe(250);
    expect(() => parseProcessorConfig("update-processor", args, { ...env, POOL_MEMBERS_REFRESH_MS: "0" })).toThrow(
      /POOL_MEMBERS_REFRESH_MS must be a positive integer/,
    );
    expect(() => parseProcessorConfig("update-processor", ["--tenant", "acme", "--refresh-members"], env)).toThrow(
      /for a pool/,
    );
  });

  it("keeps a dedicated processor as it was: whole batches, its own instance id", () => {
    const config = parseProcessorConfig("update-processor", ["--tenant", "acme", "--instance-id", "pod-1"], env);
    expect(config).toMatchObject({
      pool: null,
      tenants: ["acme"],
      tenantBatchBudget: null,
      targetLockTimeoutMs: 5_000,
    });
    expect(tenantConfig(config, "acme")).toBe(config);
  });

  it("refuses a pool without tenants, a bad pool name, mixing --tenant with a pool and an instance id too long", () => {
    expect(() => parseProcessorConfig("cdc-processor", ["--pool", "pool-1"], env)).toThrow(/--tenants/);
    expect(() => parseProcessorConfig("cdc-processor", ["--pool", "pool-1", "--tenants", " , "], env)).toThrow(
      /names no tenant/,
    );
    expect(() => parseProcessorConfig("cdc-processor", ["--pool", "small-1", "--tenants", "acme"], env)).toThrow(
      /pool name/,
    );
    expect(() => parseProcessorConfig("cdc-processor", ["--tenant", "acme", "--pool", "pool-1"], env)).toThrow(
      /a pool takes/,
    );
    expect(() => parseProcessorConfig("cdc-processor", ["--pool", "pool-1", "--tenants", "acme,Bad"], env)).toThrow(
      /tenant slug/,
    );
    expect(() =>
      parseProcessorConfig(
        "cdc-processor",
        ["--pool", "pool-1", "--tenants", "acme", "--instance-id", "x".repeat(96)],
        env,
      ),
    ).toThrow(/too long/);
  });
});
