import { describe, expect, it } from "vitest";
import { createRuleInput, updateRuleInput } from "./rule-input";

describe("alert rule input", () => {
  it("fills defaults for a lag rule", () => {
    expect(
      createRuleInput.parse({ tenant: "acme-health", kind: "lag_seconds", name: "lag", threshold: 60, forMinutes: 5 }),
    ).toEqual({
      tenant: "acme-health",
      kind: "lag_seconds",
      name: "lag",
      stage: null,
      threshold: 60,
      statuses: [],
      forMinutes: 5,
      webhookUrl: null,
    });
  });

  it("says what is wrong with a bad rule", () => {
    const issues = (body: unknown) =>
      createRuleInput.safeParse(body).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues({ tenant: "t", kind: "status", name: "s" })).toEqual([
      "statuses: a status rule needs at least one status",
    ]);
    expect(issues({ tenant: "t", kind: "dlq_growth", name: "d" })).toEqual([
      "forMinutes: a DLQ-growth rule needs a window of at least 1 minute",
    ]);
    expect(issues({ tenant: "t", kind: "lag_seconds", name: "l", webhookUrl: "ftp://x" })).toEqual([
      "webhookUrl: must be an http(s) URL without user name or password",
    ]);
    expect(
      issues({ tenant: "t", kind: "lag_seconds", name: "l", webhookUrl: "https://u:p@hooks.example/x" }),
    ).toHaveLength(1);
    expect(issues({ tenant: "t", kind: "lag_seconds", name: "l", threshold: -1 })[0]).toMatch(/^threshold/);
    expect(issues({ tenant: "t", kind: "nope", name: "l" })[0]).toMatch(/^kind/);
    expect(issues({ tenant: "t", kind: "lag_seconds", name: "l", extra: 1 })[0]).toMatch(/extra/);
  });

  it("takes partial updates but not an empty one", () => {
    expect(updateRuleInput.parse({ enabled: false })).toEqual({ enabled: false });
    expect(updateRuleInput.safeParse({}).success).toBe(false);
  });
});
