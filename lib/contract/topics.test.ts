import { describe, expect, it } from "vitest";
import { consumerGroup, parseRetryTier, retryTierName, retryTopicInfo, tenantTopics } from "./topics";

describe("tenant topics", () => {
  it("names every topic under the tenant's prefix", () => {
    const topics = tenantTopics("acme-health");
    expect(topics.cdc("claims")).toBe("sync.acme-health.cdc.claims");
    expect(topics.updates).toBe("sync.acme-health.updates");
    expect(topics.retryTier(10_000)).toBe("sync.acme-health.retry.10s");
    expect(topics.legacyRetry).toBe("sync.acme-health.retry");
    expect(topics.dlq).toBe("sync.acme-health.dlq");
    expect(consumerGroup("acme-health", "update-processor")).toBe("sync.acme-health.update-processor");
  });

  it("matches only the tenant's own CDC topics", () => {
    const { cdcPattern } = tenantTopics("acme-health");
    expect(cdcPattern.test("sync.acme-health.cdc.members")).toBe(true);
    expect(cdcPattern.test("sync.acme-healthy.cdc.members")).toBe(false);
    expect(cdcPattern.test("sync.acme-health.updates")).toBe(false);
  });

  it("names one retry topic per delay tier, shortest first, each delay once", () => {
    expect(tenantTopics("acme-health").retryTiers([600_000, 1_000, 10_000, 60_000, 1_000])).toEqual([
      "sync.acme-health.retry.1s",
      "sync.acme-health.retry.10s",
      "sync.acme-health.retry.1m",
      "sync.acme-health.retry.10m",
    ]);
    expect([250, 1_500, 7_200_000, 90_000].map(retryTierName)).toEqual(["250ms", "1500ms", "2h", "90s"]);
    expect(() => retryTierName(-1)).toThrow(/whole milliseconds/);
  });

  it("reads the delay back from a tier name and a retry topic", () => {
    for (const ms of [0, 250, 1_000, 10_000, 60_000, 600_000, 7_200_000])
      expect(parseRetryTier(retryTierName(ms))).toBe(ms);
    expect(parseRetryTier("10x")).toBeUndefined();
    expect(retryTopicInfo("sync.acme-health.retry.10m")).toEqual({
      tenant: "acme-health",
      delayMs: 600_000,
      legacy: false,
    });
    expect(retryTopicInfo("sync.acme-health.retry")).toEqual({ tenant: "acme-health", delayMs: null, legacy: true });
    expect(retryTopicInfo("sync.acme-health.dlq")).toBeUndefined();
    expect(retryTopicInfo("sync.acme-health.retry.soon")).toBeUndefined();
  });

  it("matches only the tenant's own retry topics", () => {
    const { retryPattern } = tenantTopics("acme-health");
    expect(retryPattern.test("sync.acme-health.retry")).toBe(true);
    expect(retryPattern.test("sync.acme-health.retry.1m")).toBe(true);
    expect(retryPattern.test("sync.acme-healthy.retry.1m")).toBe(false);
    expect(retryPattern.test("sync.acme-health.retry-processor")).toBe(false);
  });

  it("refuses slugs that would escape the prefix", () => {
    for (const bad of ["Acme", "a.b", "acme_health", "-acme", "x", "acme-"])
      expect(() => tenantTopics(bad)).toThrow(/tenant slug/);
  });
});
