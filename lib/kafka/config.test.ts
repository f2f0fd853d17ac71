import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { KafkaConfigError, parseKafkaEnv, type KafkaEnv } from "./config";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
// A throwaway self-signed P-256 client certificate and its key, made for these tests only.
const CLIENT_CERT =
  [
    "-----BEGIN CERTIFICATE-----",
    "MIIBlTCCATugAwIBAgIUPxK2BtwUFruhzqZLRUQ+rmZ1cRQwCgYIKoZIzj0EAwIw",
    "HzEdMBsGA1UEAwwUc3luY2RlY2stdGVzdC1jbGllbnQwIBcNMjYxMjA0MTUyOTU5",
    "WhgPMjEyNjExMTAxNTI5NTlaMB8xHTAbBgNVBAMMFHN5bmNkZWNrLXRlc3QtY2xp",
    "ZW50MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+RlexNJdjM9CvzINYnFdsJVf",
    "TjGHz8rAQnM2NzpuuIQG8PB157ZsoLsDBkCxID3PjZOuC0UwZwtZiVHTzeYbBqNT",
    "MFEwHQYDVR0OBBYEFDoAoxCt0aZRH+mg7FSVO3GBNySjMB8GA1UdIwQYMBaAFDoA",
    "oxCt0aZRH+mg7FSVO3GBNySjMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID",
    "SAAwRQIgSRJFZ7YWX3+QE5ugYoGS55rPmd8h3U4FYDDou3BtNU4CIQCpIh+NuT/G",
    "wVxmcmXy12pLtc1xHvUQCFq+QHHGQ0WeTA==",
    "-----END CERTIFICATE-----",
  ].join("\n") + "\n";
const CLIENT_KEY =
  [
    "-----BEGIN PRIVATE KEY-----",
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRILQ7479Ga8vJ7TO",
    "6wFkDPvMbh5C0SwvYbBlEVdDRPKhRANCAAT5GV7E0l2Mz0K/Mg1icV2wlV9OMYfP",
    "ysBCczY3Om64hAbw8HXntmyguwMGQLEgPc+Nk64LRTBnC1mJUdPN5hsG",
    "-----END PRIVATE KEY-----",
  ].join("\n") + "\n";

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
    for (const off of [undefined, "", "false"])
      expect(parse({ KAFKA_BROKERS: "k:9092", KAFKA_SSL: off })).not.toHaveProperty("ssl");
  });

  it("rejects other KAFKA_SSL values instead of guessing", () => {
    const { variable, message } = failure({ KAFKA_BROKERS: "k:9092", KAFKA_SSL: "yes" });
    expect(variable).toBe("KAFKA_SSL");
    expect(message).toContain('got "yes"');
  });

  it("trusts the CA from KAFKA_SSL_CA_FILE", () => {
    const read: string[] = [];
    const config = parse(
      { KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SSL_CA_FILE: "/etc/kafka/ca.pem" },
      (file) => {
        read.push(file);
        return PEM;
      },
    );
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
    expect(
      failure(
        { KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SSL_CA_FILE: "/key.pem" },
        () => "-----BEGIN PRIVATE KEY-----",
      ).message,
    ).toContain("not a PEM certificate");
  });

  it.each(["plain", "scram-sha-256", "scram-sha-512", "SCRAM-SHA-512"])("configures SASL %s", (mechanism) => {
    const config = parse({
      KAFKA_BROKERS: "k:9096",
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: "sync",
      KAFKA_SASL_PASSWORD: " s3cret ",
    });
    // The password is kept byte for byte; only the mechanism is normalised.
    expect(config.sasl).toEqual({ mechanism: mechanism.toLowerCase(), username: "sync", password: " s3cret " });
  });

  it("names the missing SASL credential", () => {
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_PASSWORD: "p" }).variable).toBe(
      "KAFKA_SASL_USERNAME",
    );
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u" }).variable).toBe(
      "KAFKA_SASL_PASSWORD",
    );
    expect(
      failure({
        KAFKA_BROKERS: "k:9096",
        KAFKA_SASL_MECHANISM: "plain",
        KAFKA_SASL_USERNAME: "u",
        KAFKA_SASL_PASSWORD: "",
      }).variable,
    ).toBe("KAFKA_SASL_PASSWORD");
  });

  it("rejects unknown mechanisms and credentials without a mechanism", () => {
    const unknown = failure({
      KAFKA_BROKERS: "k:9096",
      KAFKA_SASL_MECHANISM: "oauthbearer",
      KAFKA_SASL_USERNAME: "u",
      KAFKA_SASL_PASSWORD: "p",
    });
    expect(unknown.variable).toBe("KAFKA_SASL_MECHANISM");
    expect(unknown.message).toContain('got "oauthbearer"');
    expect(failure({ KAFKA_BROKERS: "k:9096", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p" }).variable).toBe(
      "KAFKA_SASL_USERNAME",
    );
  });

  it("never puts the password in an error message", () => {
    const { message } = failure({
      KAFKA_BROKERS: "k",
      KAFKA_SASL_MECHANISM: "plain",
      KAFKA_SASL_USERNAME: "u",
      KAFKA_SASL_PASSWORD: "hunter2",
    });
    expect(message).not.toContain("hunter2");
  });
  describe("client certificate (mutual TLS)", () => {
    const files: Record<string, string> = {
      "/tls/client.crt": CLIENT_CERT,
      "/tls/client.key": CLIENT_KEY,
      "/tls/ca.pem": PEM,
    };
    const fromFiles =
      (extra: Record<string, string> = {}) =>
      (file: string) => {
        const content = { ...files, ...extra }[file];
        if (content === undefined) return noFiles(file);
        return content;
      };
    const mtls = {
      KAFKA_BROKERS: "k:9093",
      KAFKA_SSL: "true",
      KAFKA_SSL_CERT_FILE: "/tls/client.crt",
      KAFKA_SSL_KEY_FILE: "/tls/client.key",
    };

    it("presents the certificate and key, beside a CA", () => {
      expect(parse(mtls, fromFiles()).ssl).toEqual({ cert: CLIENT_CERT, key: CLIENT_KEY });
      expect(parse({ ...mtls, KAFKA_SSL_CA_FILE: "/tls/ca.pem" }, fromFiles()).ssl).toEqual({
        ca: [PEM],
        cert: CLIENT_CERT,
        key: CLIENT_KEY,
      });
    });

    it("passes the passphrase of an encrypted key", () => {
      const encrypted = crypto
        .createPrivateKey(CLIENT_KEY)
        .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "s3cret pass" }) as string;
      const config = parse(
        { ...mtls, KAFKA_SSL_KEY_PASSWORD: "s3cret pass" },
        fromFiles({ "/tls/client.key": encrypted }),
      );
      expect(config.ssl).toEqual({ cert: CLIENT_CERT, key: encrypted, passphrase: "s3cret pass" });
    });

    it("wants both files or neither", () => {
      expect(failure({ ...mtls, KAFKA_SSL_KEY_FILE: undefined }, fromFiles())).toEqual({
        variable: "KAFKA_SSL_KEY_FILE",
        message: "KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE (the client certificate's private key)",
      });
      expect(failure({ ...mtls, KAFKA_SSL_CERT_FILE: "" }, fromFiles()).variable).toBe("KAFKA_SSL_CERT_FILE");
      expect(
        failure({ KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SSL_KEY_PASSWORD: "p" }, fromFiles()).variable,
      ).toBe("KAFKA_SSL_KEY_PASSWORD");
    });

    it("refuses a client certificate without TLS", () => {
      expect(failure({ ...mtls, KAFKA_SSL: undefined }, fromFiles())).toEqual({
        variable: "KAFKA_SSL_CERT_FILE",
        message: 'KAFKA_SSL_CERT_FILE is set but KAFKA_SSL is not "true"',
      });
      expect(failure({ KAFKA_BROKERS: "k:9092", KAFKA_SSL_KEY_FILE: "/tls/client.key" }, fromFiles()).variable).toBe(
        "KAFKA_SSL_KEY_FILE",
      );
    });

    it("names the file that is missing or unreadable", () => {
      const missingCert = failure({ ...mtls, KAFKA_SSL_CERT_FILE: "/tls/nope.crt" }, fromFiles());
      expect(missingCert.variable).toBe("KAFKA_SSL_CERT_FILE");
      expect(missingCert.message).toContain("cannot be read (/tls/nope.crt): ENOENT");
      const missingKey = failure({ ...mtls, KAFKA_SSL_KEY_FILE: "/tls/nope.key" }, fromFiles());
      expect(missingKey.variable).toBe("KAFKA_SSL_KEY_FILE");
      expect(missingKey.message).toContain("cannot be read (/tls/nope.key)");
    });

    it("refuses files that are not a certificate and a private key", () => {
      expect(failure(mtls, fromFiles({ "/tls/client.crt": CLIENT_KEY })).message).toBe(
        "KAFKA_SSL_CERT_FILE is not a PEM certificate file (/tls/client.crt)",
      );
      expect(failure(mtls, fromFiles({ "/tls/client.crt": PEM })).variable).toBe("KAFKA_SSL_CERT_FILE");
      expect(failure(mtls, fromFiles({ "/tls/client.key": CLIENT_CERT })).message).toBe(
        "KAFKA_SSL_KEY_FILE is not a PEM private key file (/tls/client.key)",
      );
    });

    it("refuses a key that is not the certificate's", () => {
      const other = crypto
        .generateKeyPairSync("ec", { namedCurve: "P-256" })
        .privateKey.export({ format: "pem", type: "pkcs8" }) as string;
      expect(failure(mtls, fromFiles({ "/tls/client.key": other })).message).toBe(
        "KAFKA_SSL_KEY_FILE is not the private key of KAFKA_SSL_CERT_FILE (/tls/client.key, /tls/client.crt)",
      );
    });

    it("asks for the passphrase of an encrypted key, refuses a wrong one and never prints it", () => {
      const encrypted = crypto
        .createPrivateKey(CLIENT_KEY)
        .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "right" }) as string;
      const read = fromFiles({ "/tls/client.key": encrypted });
      expect(failure(mtls, read).message).toBe(
        "KAFKA_SSL_KEY_PASSWORD is required: KAFKA_SSL_KEY_FILE is encrypted (/tls/client.key)",
      );
      const wrong = failure({ ...mtls, KAFKA_SSL_KEY_PASSWORD: "hunter2" }, read);
      expect(wrong).toEqual({
        variable: "KAFKA_SSL_KEY_PASSWORD",
        message: "KAFKA_SSL_KEY_PASSWORD does not decrypt KAFKA_SSL_KEY_FILE (/tls/client.key)",
      });
      expect(failure({ ...mtls, KAFKA_SSL_KEY_PASSWORD: "hunter2" }, fromFiles()).message).toBe(
        "KAFKA_SSL_KEY_PASSWORD is set but KAFKA_SSL_KEY_FILE is not encrypted (/tls/client.key)",
      );
    });
  });
});
