import { describe, expect, it } from "vitest";
import { KafkaConfigError, parseKafkaEnv, type KafkaEnv } from "./config";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const noFiles = (file: string): string => {
  throw new Error(`ENOENT: no such file or directory, open '${file}'`);
};

function parse(env: KafkaEnv, readFile: (file: string) => string = noFiles) {
  return parseKafkaEnv(env, readFile);
}

/** The variable a KafkaConfigError blames, and its message. */
function failure(env: KafkaEnv, readFile: (file: string) => string = noFiles): { variable: string; message: string } {
  try {
    parse(env, readFile);
  } catch (error) {
    if (error instanceof KafkaConfigError) return { variable: error.variable, message: error.message };
    throw error;
  }
  throw new Error("expected a KafkaConfigError");
}

describe("parseKafkaEnv", () => {
  it("reads a plaintext local broker with the default client id", () => {
    expect(parse({ KAFKA_BROKERS: "127.0.0.1:9092" })).toEqual({ clientId: "syncdeck", brokers: ["127.0.0.1:9092"] });
  });

  it("splits and trims a broker list", () => {
    expect(parse({ KAFKA_BROKERS: " b-1.kafka.internal:9096 , b-2.kafka.internal:9096" }).brokers).toEqual([
      "b-1.kafka.internal:9096",
      "b-2.kafka.internal:9096",
    ]);
  });

  it.each([
    [undefined, "is required"],
    ["", "is required"],
    ["   ", "is required"],
    ["localhost", '"localhost", which is not host:port'],
    ["localhost:0", '"localhost:0"'],
    ["localhost:65536", '"localhost:65536"'],
    ["a:9092,,b:9092", '"", which is not host:port'],
    ["[::1]:9092", '"[::1]:9092"'],
    ["kafka://a:9092", '"kafka://a:9092"'],
  ])("rejects KAFKA_BROKERS=%j", (value, message) => {
    const { variable, message: actual } = failure({ KAFKA_BROKERS: value });
    expect(variable).toBe("KAFKA_BROKERS");
    expect(actual).toContain(message);
    expect(actual.startsWith("KAFKA_BROKERS ")).toBe(true);
  });

  it("takes a client id and rejects one brokers would mangle", () => {
    expect(parse({ KAFKA_BROKERS: "k:9092", KAFKA_CLIENT_ID: "syncdeck-console" }).clientId).toBe("syncdeck-console");
    expect(failure({ KAFKA_BROKERS: "k:9092", KAFKA_CLIENT_ID: "sync deck" }).variable).toBe("KAFKA_CLIENT_ID");
  });

  it("turns TLS on with KAFKA_SSL=true and off when unset, empty or false", () => {
    expect(parse({ KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true" }).ssl).toBe(true);
    expect(parse({ KAFKA_BROKERS: "k:9093", KAFKA_SSL: "TRUE" }).ssl).toBe(true);
    for (const off of [undefined, "", "false"]) expect(parse({ KAFKA_BROKERS: "k:9092", KAFKA_SSL: off })).not.toHaveProperty("ssl");
  });

  it("rejects other KAFKA_SSL values instead of guessing", () => {
    const { variable, message } = failure({ KAFKA_BROKERS: "k:9092", KAFKA_SSL: "yes" });
    expect(variable).toBe("KAFKA_SSL");
    expect(message).toContain('got "yes"');
  });

  it("trusts the CA from KAFKA_SSL_CA_FILE", () => {
    const read: string[] = [];
    const config = parse({ KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SSL_CA_FILE: "/etc/kafka/ca.pem" }, (file) => {
      read.push(file);
      return PEM;
    });
    expect(read).toEqual(["/etc/kafka/ca.pem"]);
    expect(config.ssl).toEqual({ ca: [PEM] });
  });

  it("refuses a CA file without TLS, an unreadable one, and one that is not PEM", () => {
    expect(failure({ KAFKA_BROKERS: "k:9092", KAFKA_SSL_CA_FILE: "/ca.pem" }, () => PEM)).toEqual({
      variable: "KAFKA_SSL_CA_FILE",
      message: 'KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not "true"',
    });
    const unreadable = failure({ KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SSL_CA_FILE: "/missing.pem" });
    expect(unreadable.variable).toBe("KAFKA_SSL_CA_FILE");
    expect(unreadable.message).toContain("ENOENT");
    expect(failure({ KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SSL_CA_FILE: "/key.pem" }, () => "-----BEGIN PRIVATE KEY-----").message).toContain(
      "not a PEM certificate",
    );
  });

  it.each(["plain", "scram-sha-256", "scram-sha-512", "SCRAM-SHA-512"])("configures SASL %s", (mechanism) => {
    const config = parse({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: "sync", KAFKA_SASL_PASSWORD: " s3cret " });
    // The password is kept byte for byte; only the mechanism is normalised.
    expect(config.sasl).toEqual({ mechanism: mechanism.toLowerCase(), username: "sync", password: " s3cret " });
  });

  it("names the missing SASL credential", () => {
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_PASSWORD: "p" }).variable).toBe("KAFKA_SASL_USERNAME");
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u" }).variable).toBe("KAFKA_SASL_PASSWORD");
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "" }).variable).toBe(
      "KAFKA_SASL_PASSWORD",
    );
  });

  it("rejects unknown mechanisms and credentials without a mechanism", () => {
    const unknown = failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: "oauthbearer", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" });
    expect(unknown.variable).toBe("KAFKA_SASL_MECHANISM");
    expect(unknown.message).toContain('got "oauthbearer"');
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" }).variable).toBe("KAFKA_SASL_USERNAME");
  });

  it("never puts the password in an error message", () => {
    const { message } = failure({ KAFKA_BROKERS: "k", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "hunter2" });
    expect(message).not.toContain("hunter2");
  });
});
