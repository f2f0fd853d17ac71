import { describe, expect, it } from "vitest";
import { DEPLOYMENTS_DEFAULTS, parseDeploymentsView, serializeDeploymentsView, targetKey } from "./deployments-url";

const parse = (query: string) => parseDeploymentsView(new URLSearchParams(query));

describe("deployments view in the URL", () => {
  it("reads the environment, tenant, open target and its tab", () => {
    expect(parse("environment=local&tenant=acme-health&target=acme-health%2Fupdate-processor&tab=logs")).toEqual({
      environment: "local",
      tenant: "acme-health",
      target: "acme-health/update-processor",
      tab: "logs",
    });
  });

  it("drops malformed values, and a tab without its target, without throwing", () => {
    expect(parse("")).toEqual(DEPLOYMENTS_DEFAULTS);
    expect(parse("environment=%20&tenant=Acme%20Health&target=acme&tab=shell&x=1")).toEqual(DEPLOYMENTS_DEFAULTS);
    expect(parse("tab=logs")).toEqual(DEPLOYMENTS_DEFAULTS);
    expect(parse("target=acme-health%2Fupdate-processor&tab=secrets")).toEqual({
      ...DEPLOYMENTS_DEFAULTS,
      target: "acme-health/update-processor",
    });
    expect(parse("environment=" + "e".repeat(101))).toEqual(DEPLOYMENTS_DEFAULTS);
  });

  it("writes only what is set, and reads back what it wrote", () => {
    expect(serializeDeploymentsView(DEPLOYMENTS_DEFAULTS)).toBe("");
    expect(serializeDeploymentsView({ ...DEPLOYMENTS_DEFAULTS, tab: "logs" })).toBe("");
    const view = {
      environment: "staging",
      tenant: "",
      target: targetKey({ tenant: "globex-care", stage: "cdc-processor" }),
      tab: "history" as const,
    };
    expect(serializeDeploymentsView(view)).toBe("environment=staging&target=globex-care%2Fcdc-processor&tab=history");
    expect(parse(serializeDeploymentsView(view))).toEqual(view);
  });
});
