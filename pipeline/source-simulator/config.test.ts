import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

const url = "postgres://postgres:postgres@127.0.0.1:5432/source_acme_health";

describe("simulator settings", () => {
  it("reads flags, with defaults for what is left out", () => {
    expect(parseConfig(["--tenant", "acme-health", "--source-url", url], {})).toEqual({
      tenant: "acme-health",
      sourceUrl: url,
      rate: 50,
      faultRate: 0,
      burst: undefined,
      seed: undefined,
      transactionSize: 10,
    });
  });

  it("takes the environment when a flag is missing, and flags win", () => {
    const env = {
      SIMULATOR_TENANT: "northwind-rx",
      SOURCE_DATABASE_URL: url,
      SIMULATOR_RATE: "20",
      SIMULATOR_BURST: "4x5s/30s",
    };
    expect(
      parseConfig(["--rate", "80", "--fault-rate", "0.01", "--seed", "7", "--transaction-size", "50"], env),
    ).toMatchObject({
      tenant: "northwind-rx",
      rate: 80,
      faultRate: 0.01,
      seed: 7,
      transactionSize: 50,
      burst: { factor: 4, durationMs: 5_000, everyMs: 30_000 },
    });
  });

  it("says what is wrong", () => {
    expect(() => parseConfig(["--tenant", "Bad Tenant", "--source-url", url], {})).toThrow(/tenant: tenant slug/);
    expect(() => parseConfig(["--tenant", "acme", "--source-url", "mysql://x"], {})).toThrow(
      /sourceUrl: must be a postgres/,
    );
    expect(() => parseConfig(["--tenant", "acme", "--source-url", url, "--fault-rate", "2"], {})).toThrow(/faultRate/);
    expect(() => parseConfig(["--tenant", "acme", "--source-url", url, "--burst", "lots"], {})).toThrow(
      /burst: burst "lots"/,
    );
    expect(() => parseConfig(["--bogus"], {})).toThrow();
  });
});
