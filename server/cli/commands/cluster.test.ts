import { describe, expect, it } from "vitest";
import { settingsBody } from "./cluster";

describe("cluster command settings", () => {
  it("become the API's body, with only what was given", () => {
    expect(settingsBody({ brokers: "a:1, b:2", "connect-url": "http://c:8083" })).toEqual({
      brokers: ["a:1", "b:2"],
      connectUrl: "http://c:8083",
    });
    expect(
      settingsBody({ tls: true, "sasl-mechanism": "SCRAM-SHA-512", "sasl-username": "u", "sasl-password-secret": "P" }),
    ).toEqual({ security: { tls: true, sasl: { mechanism: "scram-sha-512", username: "u", passwordSecret: "P" } } });
    expect(settingsBody({ "schema-registry-url": "" })).toEqual({ schemaRegistryUrl: null });
  });
});
