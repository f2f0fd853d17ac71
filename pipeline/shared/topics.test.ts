import { describe, expect, it } from "vitest";
import { consumerGroup, tenantTopics } from "./topics";

describe("tenant topics", () => {
  it("names every topic under the tenant's prefix", () => {
    const topics = tenantTopics("acme-health");
    expect(topics.cdc("claims")).toBe("sync.acme-health.cdc.claims");
    expect(topics.updates).toBe("sync.acme-health.updates");
    expect(topics.retry).toBe("sync.acme-health.retry");
    expect(topics.dlq).toBe("sync.acme-health.dlq");
    expect(consumerGroup("acme-health", "update-processor")).toBe("sync.acme-health.update-processor");
  });

  it("matches only the tenant's own CDC topics", () => {
    const { cdcPattern } = tenantTopics("acme-health");
    expect(cdcPattern.test("sync.acme-health.cdc.members")).toBe(true);
    expect(cdcPattern.test("sync.acme-healthy.cdc.members")).toBe(false);
    expect(cdcPattern.test("sync.acme-health.updates")).toBe(false);
  });

  it("refuses slugs that would escape the prefix", () => {
    for (const bad of ["Acme", "a.b", "acme_health", "-acme", "x", "acme-"]) expect(() => tenantTopics(bad)).toThrow(/tenant slug/);
  });
});
