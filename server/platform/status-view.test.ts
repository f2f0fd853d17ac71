import { describe, expect, it } from "vitest";
import { scopePlatformStatus, type PlatformFacts } from "./status-view";

const facts: PlatformFacts = {
  kafka: {
    state: "up",
    latencyMs: 4,
    facts: {
      brokers: 3,
      clusterId: "c-1",
      topics: [
        "__consumer_offsets",
        "sync.acme-health.updates",
        "sync.acme-health.dlq",
        "sync.acme-healthy.updates",
        "sync.globex-care.updates",
        "syncdeck.internal",
      ],
    },
  },
  connect: {
    state: "up",
    latencyMs: 7,
    facts: { version: "4.3.1", connectors: ["sync.acme-health.cdc", "sync.globex-care.cdc", "sync.northwind-rx.cdc"] },
  },
  database: { state: "up", latencyMs: 1, facts: { version: "18.1" } },
  checkedAt: "2026-12-04T12:00:00.000Z",
};

describe("scopePlatformStatus", () => {
  it("shows a platform-wide viewer the whole cluster", () => {
    expect(scopePlatformStatus(facts, "all")).toEqual({
      kafka: { state: "up", detail: "3 brokers, 5 topics, cluster c-1", latencyMs: 4 },
      connect: { state: "up", detail: "Kafka Connect 4.3.1, 3 connectors", latencyMs: 7 },
      database: { state: "up", detail: "PostgreSQL 18.1", latencyMs: 1 },
      checkedAt: facts.checkedAt,
    });
  });

  it("counts only the tenants' own topics and connectors for a tenant-scoped viewer", () => {
    const status = scopePlatformStatus(facts, ["acme-health"]);
    expect(status.kafka).toEqual({ state: "up", detail: "2 topics of your tenant", latencyMs: 4 });
    expect(status.connect).toEqual({
      state: "up",
      detail: "Kafka Connect 4.3.1, 1 connector of your tenant",
      latencyMs: 7,
    });
    expect(JSON.stringify(status)).not.toMatch(/broker|c-1/);
    expect(scopePlatformStatus(facts, ["acme-health", "globex-care"]).kafka).toMatchObject({
      detail: "3 topics of your tenants",
    });
    expect(scopePlatformStatus(facts, []).connect).toMatchObject({
      detail: "Kafka Connect 4.3.1, 0 connectors of your tenants",
    });
  });

  it("keeps the reason a part is down from tenant-scoped viewers", () => {
    const down: PlatformFacts = { ...facts, kafka: { state: "down", error: "connect ECONNREFUSED 10.0.4.7:9092" } };
    expect(scopePlatformStatus(down, "all").kafka).toEqual({
      state: "down",
      detail: "connect ECONNREFUSED 10.0.4.7:9092",
    });
    expect(scopePlatformStatus(down, ["acme-health"]).kafka).toEqual({ state: "down", detail: "not reachable" });
  });
});
