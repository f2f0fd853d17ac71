/**
 * A throwaway certificate authority for trying TLS listeners locally: a CA, a broker certificate for
 * 127.0.0.1 in a PKCS12 keystore with a PKCS12 truststore holding the CA (what a Kafka SSL listener
 * reads), and client certificates as PEM files (what SyncDeck's KAFKA_SSL_CERT_FILE /
 * KAFKA_SSL_KEY_FILE read). Made with `openssl` and Java's `keytool`; nothing here is for production.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface TestPki {
  dir: string;
  /** PEM of the CA: the value for KAFKA_SSL_CA_FILE. */
  caFile: string;
  /** Password of both stores and of the broker's key. */
  storePassword: string;
  keystore: string;
  truststore: string;
}

export interface ClientCertificate {
  certFile: string;
  keyFile: string;
}

const DAYS = "2";

function run(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    throw new Error(`${command} ${args[0]} failed: ${stderr.trim() || (error as Error).message}`);
  }
}

/** The CA and the broker's stores in `dir` (created). The broker certificate is valid for 127.0.0.1 and localhost. */
export function createTestPki(dir: string): TestPki {
  fs.mkdirSync(dir, { recursive: true });
  const storePassword = "syncdeck-test-store";
  run(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      DAYS,
      "-subj",
      "/CN=SyncDeck test CA",
    ],
    dir,
  );
  signed(
    dir,
    "broker",
    "/CN=127.0.0.1",
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
  );
  run(
    "openssl",
    [
      "pkcs12",
      "-export",
      "-in",
      "broker.pem",
      "-inkey",
      "broker.key",
      "-certfile",
      "ca.pem",
      "-name",
      "broker",
      "-out",
      "broker.p12",
      "-passout",
      `pass:${storePassword}`,
    ],
    dir,
  );
  run(
    "keytool",
    [
      "-importcert",
      "-noprompt",
      "-alias",
      "ca",
      "-file",
      "ca.pem",
      "-keystore",
      "truststore.p12",
      "-storetype",
      "PKCS12",
      "-storepass",
      storePassword,
    ],
    dir,
  );
  return {
    dir,
    caFile: path.join(dir, "ca.pem"),
    storePassword,
    keystore: path.join(dir, "broker.p12"),
    truststore: path.join(dir, "truststore.p12"),
  };
}

/** A client certificate signed by the CA; with `passphrase`, its key file is encrypted (PKCS#8, AES-256). */
export function createClientCertificate(pki: TestPki, name: string, passphrase?: string): ClientCertificate {
  signed(pki.dir, name, `/CN=${name}`, "extendedKeyUsage=clientAuth\n");
  let keyFile = path.join(pki.dir, `${name}.key`);
  if (passphrase !== undefined) {
    const encrypted = path.join(pki.dir, `${name}.encrypted.key`);
    run(
      "openssl",
      ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", keyFile, "-out", encrypted, "-passout", `pass:${passphrase}`],
      pki.dir,
    );
    keyFile = encrypted;
  }
  return { certFile: path.join(pki.dir, `${name}.pem`), keyFile };
}

function signed(dir: string, name: string, subject: string, extensions: string): void {
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
  run(
    "openssl",
    [
      "req",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
      "-subj",
      subject,
    ],
    dir,
  );
  run(
    "openssl",
    [
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      `${name}.pem`,
      "-days",
      DAYS,
      "-extfile",
      `${name}.ext`,
    ],
    dir,
  );
}

/** The properties of a Kafka SSL listener that presents the broker certificate and requires a client one. */
export function sslListenerProperties(pki: TestPki): Record<string, string> {
  return {
    "ssl.keystore.type": "PKCS12",
    "ssl.keystore.location": pki.keystore,
    "ssl.keystore.password": pki.storePassword,
    "ssl.key.password": pki.storePassword,
    "ssl.truststore.type": "PKCS12",
    "ssl.truststore.location": pki.truststore,
    "ssl.truststore.password": pki.storePassword,
    "ssl.client.auth": "required",
  };
}
