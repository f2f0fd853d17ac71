import { describe, expect, it } from "vitest";
import { clusterChange, clusterRequest, firstProblem } from "./cluster-input";
import { clusterKafkaEnv, ClusterSecretMissing } from "./cluster-kafka-env";
import { parseKafkaEnv } from "@/lib/kafka/config";

const problem = (body: unknown) => {
  const parsed = clusterRequest.safeParse(body);
  return parsed.success ? null : firstProblem(parsed.error);
};

describe("a new cluster", () => {
  it("takes a name and brokers; the rest has defaults", () => {
    expect(clusterRequest.parse({ id: "staging-kafka", brokers: ["b-1.staging:9092"] })).toEqual({
      id: "staging-kafka",
      title: "staging-kafka",
      brokers: ["b-1.staging:9092"],
      security: { tls: false },
      connectUrl: null,
      connectUsername: null,
      connectPasswordSecret: null,
      schemaRegistryUrl: null,
    });
  });

  it("says what is wrong, field by field", () => {
    expect(problem({ id: "Staging", brokers: ["b:1"] })).toMatch(/^id: a cluster name is 2–40 characters/);
    expect(problem({ id: "default", brokers: ["b:1"] })).toBe(
      "id: the name default is the cluster KAFKA_BROKERS declares",
    );
    expect(problem({ id: "qa", brokers: [] })).toBe("brokers: at least one broker is needed");
    expect(problem({ id: "qa", brokers: ["b-1"] })).toMatch(/^brokers.0: a broker is host:port/);
    expect(problem({ id: "qa", brokers: ["b:1"], extra: 1 })).toMatch(/extra/);
    expect(problem({ id: "qa", brokers: ["b:1"], security: { tls: false, caFile: "/ca.pem" } })).toBe(
      "security: caFile, certFile, keyFile and keyPasswordSecret need tls: true",
    );
    expect(problem({ id: "qa", brokers: ["b:1"], security: { tls: true, certFile: "/c.pem" } })).toBe(
      "security: mutual TLS needs both certFile and keyFile",
    );
    expect(problem({ id: "qa", brokers: ["b:1"], connectUrl: "http://u:p@connect:8083" })).toMatch(
      /^connectUrl: connectUrl must not contain credentials/,
    );
    // not a URL at all: said as such, never thrown (it was a 500)
    for (const url of ["\u{4d603}\u{a8620}", "http://", "x".repeat(300)]) {
      expect(problem({ id: "qa", brokers: ["b:1"], connectUrl: url })).toMatch(
        /^connectUrl: connectUrl must be an http\(s\) URL/,
      );
      expect(() => clusterChange.safeParse({ schemaRegistryUrl: url })).not.toThrow();
    }
    expect(problem({ id: "qa", brokers: ["b:1"], connectUsername: "sync" })).toBe(
      "connectUsername needs connectPasswordSecret",
    );
  });

  it("refuses a secret value where a secret's name belongs", () => {
    expect(
      problem({
        id: "qa",
        brokers: ["b:1"],
        security: { sasl: { mechanism: "plain", username: "sync", passwordSecret: "hunter2!" } },
      }),
    ).toMatch(/^security.sasl.passwordSecret: a secret is named by upper-case letters/);
    expect(
      problem({ id: "qa", brokers: ["b:1"], security: { tls: true, caFile: "-----BEGIN CERTIFICATE-----" } }),
    ).toBe("security.caFile: give the file's path, not its content");
  });

  it("a change needs something to change", () => {
    expect(clusterChange.safeParse({}).success).toBe(false);
    expect(clusterChange.parse({ connectUrl: null })).toEqual({ connectUrl: null });
  });
});

describe("a cluster's Kafka settings", () => {
  const cluster = {
    id: "prod",
    brokers: ["b-1.prod:9096", "b-2.prod:9096"],
    fromEnvironment: false,
    security: {
      tls: true,
      sasl: { mechanism: "scram-sha-512" as const, username: "syncdeck", passwordSecret: "PROD_SASL" },
    },
  };

  it("are the KAFKA_* settings the default cluster uses, its secret read from SYNCDECK_KAFKA_SECRET_<NAME>", () => {
    const env = clusterKafkaEnv(cluster, { SYNCDECK_KAFKA_SECRET_PROD_SASL: "s3cret", KAFKA_SASL_PASSWORD: "other" });
    expect(parseKafkaEnv(env)).toEqual({
      clientId: "syncdeck",
      brokers: ["b-1.prod:9096", "b-2.prod:9096"],
      ssl: true,
      sasl: { mechanism: "scram-sha-512", username: "syncdeck", password: "s3cret" },
    });
  });

  it("name the missing secret without a value", () => {
    expect(() => clusterKafkaEnv(cluster, {})).toThrow(ClusterSecretMissing);
    expect(() => clusterKafkaEnv(cluster, {})).toThrow(
      "cluster prod: the platform has no secret SYNCDECK_KAFKA_SECRET_PROD_SASL; set it where the console runs",
    );
  });

  it("of the environment's own cluster are the process's KAFKA_* variables", () => {
    const env = { KAFKA_BROKERS: "k:9092", KAFKA_SSL: "true" };
    expect(clusterKafkaEnv({ ...cluster, fromEnvironment: true }, env)).toBe(env);
  });
});
