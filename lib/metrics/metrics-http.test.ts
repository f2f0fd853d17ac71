import { describe, expect, it } from "vitest";
import { bearerMatches, metricsListenAddress } from "./metrics-http";

describe("metricsListenAddress", () => {
  it("uses the fallback port when SYNCDECK_METRICS_PORT is unset or empty, on every interface", () => {
    expect(metricsListenAddress({}, 9464)).toEqual({ port: 9464, host: "0.0.0.0" });
    expect(metricsListenAddress({ SYNCDECK_METRICS_PORT: " " }, 9464)).toEqual({ port: 9464, host: "0.0.0.0" });
    expect(metricsListenAddress({}, 0)).toBeNull();
  });

  it("is off at port 0, and the option wins over the variable", () => {
    expect(metricsListenAddress({ SYNCDECK_METRICS_PORT: "0" }, 9464)).toBeNull();
    expect(metricsListenAddress({ SYNCDECK_METRICS_PORT: "9500", SYNCDECK_METRICS_HOST: "127.0.0.1" }, 0)).toEqual({
      port: 9500,
      host: "127.0.0.1",
    });
    expect(metricsListenAddress({ SYNCDECK_METRICS_PORT: "9500" }, 0, "9601")).toEqual({ port: 9601, host: "0.0.0.0" });
    expect(metricsListenAddress({ SYNCDECK_METRICS_PORT: "9500" }, 0, "0")).toBeNull();
  });

  it("rejects what is not a port, naming the variable", () => {
    expect(() => metricsListenAddress({ SYNCDECK_METRICS_PORT: "http" }, 0)).toThrow(
      /SYNCDECK_METRICS_PORT must be a port number/,
    );
    expect(() => metricsListenAddress({ SYNCDECK_METRICS_PORT: "70000" }, 0)).toThrow(/0-65535/);
  });
});

describe("bearerMatches", () => {
  it("accepts only the exact token, and nothing when there is no token", () => {
    expect(bearerMatches("Bearer s3cret", "s3cret")).toBe(true);
    expect(bearerMatches("Bearer s3cre", "s3cret")).toBe(false);
    expect(bearerMatches("bearer s3cret", "s3cret")).toBe(false);
    expect(bearerMatches(undefined, "s3cret")).toBe(false);
    expect(bearerMatches("Bearer ", undefined)).toBe(false);
    expect(bearerMatches("Bearer x", "")).toBe(false);
  });
});
