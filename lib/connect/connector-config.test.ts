import { describe, expect, it } from "vitest";
import { tenantTopics } from "@/lib/contract/topics";
import {
  buildConnectorConfig,
  connectorName,
  connectorTopics,
  heartbeatTopic,
  slotName,
  sourceConnectionFromUrl,
} from "./connector-config";

const source = sourceConnectionFromUrl("postgres://sync%40user:p%2Fss@db.example.com:6543/source_acme_health");

/** What Connect's RegexRouter does: Java's replaceFirst on a full match, else the topic unchanged. */
function route(config: Record<string, string>, name: string, topic: string): string {
  const regex = new RegExp(config[`transforms.${name}.regex`]!);
  return regex.test(topic) ? topic.replace(regex, config[`transforms.${name}.replacement`]!) : topic;
}

function routed(config: Record<string, string>, topic: string): string {
  return config.transforms!.split(",").reduce((current, name) => route(config, name, current), topic);
}

describe("connector names", () => {
  it("turns the slug into a Postgres identifier for slot and publication", () => {
    expect(slotName("acme-health")).toBe("sync_acme_health");
    expect(connectorName("acme-health")).toBe("sync.acme-health.cdc");
  });

  it("refuses a slug that is not one", () => {
    expect(() => slotName("Acme; DROP")).toThrow(/tenant slug/);
  });

  it("keeps the heartbeat topic inside the tenant prefix but outside the cdc pattern", () => {
    const topics = tenantTopics("acme-health");
    expect(heartbeatTopic("acme-health").startsWith(topics.prefix)).toBe(true);
    expect(topics.cdcPattern.test(heartbeatTopic("acme-health"))).toBe(false);
    expect(topics.cdcPattern.test(connectorTopics("acme-health").cdc.claims)).toBe(true);
  });
});

describe("sourceConnectionFromUrl", () => {
  it("decodes credentials and the database", () => {
    expect(source).toEqual({
      hostname: "db.example.com",
      port: 6543,
      user: "sync@user",
      password: "p/ss",
      database: "source_acme_health",
    });
  });

  it("defaults the port and refuses a URL without a database", () => {
    expect(sourceConnectionFromUrl("postgres://u:p@h/db").port).toBe(5432);
    expect(() => sourceConnectionFromUrl("postgres://u:p@h:5432/")).toThrow(/names no database/);
  });
});

describe("buildConnectorConfig", () => {
  const config = buildConnectorConfig("acme-health", source);

  it("streams members and claims through pgoutput on the tenant's own slot and publication", () => {
    expect(config).toMatchObject({
      "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
      "plugin.name": "pgoutput",
      "slot.name": "sync_acme_health",
      "publication.name": "sync_acme_health",
      "publication.autocreate.mode": "disabled",
      "table.include.list": "public.members,public.claims",
      "snapshot.mode": "initial",
      "decimal.handling.mode": "string",
      "poll.interval.ms": "100",
      "tombstones.on.delete": "false",
      "database.hostname": "db.example.com",
      "database.port": "6543",
      "database.user": "sync@user",
      "database.password": "p/ss",
      "database.dbname": "source_acme_health",
    });
  });

  it("asks Debezium for TLS verify-full with the CA when the source says so, and leaves its default otherwise", () => {
    expect(config["database.sslmode"]).toBeUndefined();
    const tls = buildConnectorConfig("acme-health", {
      ...source,
      password: "${env:SYNCDECK_SOURCE_SECRET_ACME}",
      sslMode: "verify-full",
      sslRootCert: "/etc/ca.pem",
    });
    expect(tls).toMatchObject({
      "database.sslmode": "verify-full",
      "database.sslrootcert": "/etc/ca.pem",
      "database.password": "${env:SYNCDECK_SOURCE_SECRET_ACME}",
    });
    expect(buildConnectorConfig("acme-health", { ...source, sslMode: "disable" })["database.sslmode"]).toBe("disable");
  });

  it("routes each table's events to exactly sync.<tenant>.cdc.<table>", () => {
    expect(routed(config, "sync.acme-health.cdc.public.members")).toBe("sync.acme-health.cdc.members");
    expect(routed(config, "sync.acme-health.cdc.public.claims")).toBe("sync.acme-health.cdc.claims");
  });

  it("routes heartbeats to the tenant's heartbeat topic and beats with a write in the source", () => {
    expect(routed(config, "__debezium-heartbeat.sync.acme-health.cdc")).toBe("sync.acme-health.cdc-heartbeat");
    expect(Number(config["heartbeat.interval.ms"])).toBeGreaterThan(0);
    expect(config["heartbeat.action.query"]).toMatch(/^INSERT INTO public\.sync_heartbeat /);
  });

  it("does not route another tenant's topics into this tenant's", () => {
    expect(routed(config, "sync.other.cdc.public.members")).toBe("sync.other.cdc.public.members");
  });

  it("is all strings (Connect's REST API wants a string map) and has no signal table unless asked", () => {
    expect(Object.values(config).every((value) => typeof value === "string")).toBe(true);
    expect(config).not.toHaveProperty("signal.data.collection");
    const withSignals = buildConnectorConfig("acme-health", source, {
      signalTable: "public.debezium_signal",
      heartbeatIntervalMs: 2_000,
    });
    expect(withSignals).toMatchObject({
      "signal.data.collection": "public.debezium_signal",
      "heartbeat.interval.ms": "2000",
    });
  });
});
