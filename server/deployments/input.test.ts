import { describe, expect, it } from "vitest";
import { createDeploymentInput, rollbackInput, scaleInput } from "./input";

describe("deployment inputs", () => {
  it("accepts a deployment with allowed settings", () => {
    const parsed = createDeploymentInput.parse({
      environment: "local",
      tenant: "acme-health",
      stage: "update-processor",
      replicas: 2,
      config: { CONSUMER_CONCURRENCY: "2" },
      reason: "more throughput",
    });
    expect(parsed.replicas).toBe(2);
  });

  it("refuses settings outside the allow-list, so nothing else reaches a process' environment", () => {
    const result = createDeploymentInput.safeParse({
      environment: "local",
      tenant: "acme-health",
      stage: "update-processor",
      config: { NODE_OPTIONS: "--inspect" },
      reason: "x y z",
    });
    expect(result.success).toBe(false);
  });

  it("bounds replicas and wants a reason for a rollback", () => {
    expect(scaleInput.safeParse({ replicas: 13 }).success).toBe(false);
    expect(scaleInput.safeParse({ replicas: 1.5 }).success).toBe(false);
    expect(scaleInput.safeParse({ replicas: 0 }).success).toBe(true);
    expect(rollbackInput.safeParse({ revision: 2 }).success).toBe(false);
    expect(rollbackInput.safeParse({ revision: 2, reason: "bad release" }).success).toBe(true);
  });
});
