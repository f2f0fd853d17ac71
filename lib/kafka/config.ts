/**
 * Kafka connection settings from the environment, validated once, for the console and the
 * pipeline workers alike (so no `server-only` here). The same variables point SyncDeck at the local
 * broker or at a managed TLS/SASL cluster:
 *
 *   KAFKA_BROKERS         host:port[,host:port…]  (required)
 *   KAFKA_CLIENT_ID       default "syncdeck"
 *   KAFKA_SSL             "true" for TLS; unset (or "false") for plaintext
 *   KAFKA_SSL_CA_FILE     PEM file of the CA to trust instead of the system's (needs KAFKA_SSL=true)
 *   KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE  PEM client certificate and its private key for mutual
 *                         TLS (both or neither; need KAFKA_SSL=true)
 *   KAFKA_SSL_KEY_PASSWORD  passphrase of an encrypted KAFKA_SSL_KEY_FILE
 *   KAFKA_SASL_MECHANISM  plain | scram-sha-256 | scram-sha-512
 *   KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD  required with a mechanism, refused without one
 *
 * An empty variable counts as unset (compose files and CI often write `KAFKA_SSL=`).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { z } from "zod";

export type KafkaEnv = Record<string, string | undefined>;

/** A misconfiguration; the message starts with the variable's name. */
export class KafkaConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
    this.name = "KafkaConfigError";
  }
}

// kafkajs splits seed brokers on ":" itself, so bracketed IPv6 literals cannot work; say so up front.
const BROKER = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?:(\d{1,5})$/;
const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;

/** "" counts as unset; values are trimmed except where whitespace can be meaningful (the password). */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = z.preprocess(blankToUndefined, z.string().trim().optional());

const brokerList = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "is required: comma-separated host:port, e.g. 127.0.0.1:9092" })
    .transform((value) => value.split(",").map((entry) => entry.trim()))
    .superRefine((entries, ctx) => {
      const bad = entries.find((entry) => {
        const port = Number(BROKER.exec(entry)?.[1]);
        return !(port >= 1 && port <= 65535);
      });
      if (bad !== undefined)
        ctx.addIssue({
          code: "custom",
          message: `has "${bad}", which is not host:port (hostname or IPv4 address, port 1-65535)`,
        });
    }),
);

const envSchema = z.object({
  KAFKA_BROKERS: brokerList,
  // Brokers print the client id in logs and quota metrics; keep it to characters that survive both.
  KAFKA_CLIENT_ID: text.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,255}$/, { error: 'must be 1-255 letters, digits, ".", "_" or "-"' })
      .default("syncdeck"),
  ),
  KAFKA_SSL: text.pipe(
    z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(z.enum(["true", "false"], { error: (issue) => `must be "true" or unset (got "${issue.input}")` }))
      .optional(),
  ),
  KAFKA_SSL_CA_FILE: text,
  KAFKA_SSL_CERT_FILE: text,
  KAFKA_SSL_KEY_FILE: text,
  KAFKA_SSL_KEY_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  // Java clients spell mechanisms in capitals (SCRAM-SHA-512); accept what people copy from there.
  KAFKA_SASL_MECHANISM: text.pipe(
    z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(
        z.enum(SASL_MECHANISMS, {
          error: (issue) => `must be one of ${SASL_MECHANISMS.join(", ")} (got "${issue.input}")`,
        }),
      )
      .optional(),
  ),
  KAFKA_SASL_USERNAME: text,
  KAFKA_SASL_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
});
type KafkaVars = z.infer<typeof envSchema>;

/** Each variable's own schema, for the configuration catalogue (server/config/catalogue.ts). */
export const kafkaEnvShape = envSchema.shape;

/**
 * Pure apart from reading the CA and client certificate files, which goes through `readFile` (tests pass a fake).
 * Throws KafkaConfigError naming the first wrong variable.
 */
export function parseKafkaEnv(
  env: KafkaEnv,
  readFile: (file: string) => string = (file) => fs.readFileSync(file, "utf8"),
): KafkaConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KafkaConfigError(String(issue.path[0]), issue.message);
  }
  const vars = parsed.data;
  const config: KafkaConfig = { clientId: vars.KAFKA_CLIENT_ID, brokers: vars.KAFKA_BROKERS };
  const ssl = sslOption(vars, readFile);
  if (ssl) config.ssl = ssl;
  const sasl = saslOption(vars);
  if (sasl) config.sasl = sasl;
  return config;
}

type ReadFile = (file: string) => string;

function sslOption(vars: KafkaVars, readFile: ReadFile): KafkaConfig["ssl"] {
  const enabled = vars.KAFKA_SSL === "true";
  // A CA or client certificate without TLS would silently connect in plaintext: the opposite of what was asked for.
  const stray = (
    ["KAFKA_SSL_CA_FILE", "KAFKA_SSL_CERT_FILE", "KAFKA_SSL_KEY_FILE", "KAFKA_SSL_KEY_PASSWORD"] as const
  ).find((name) => vars[name] !== undefined);
  if (!enabled) {
    if (stray) throw new KafkaConfigError(stray, 'is set but KAFKA_SSL is not "true"');
    return undefined;
  }
  const options: Exclude<KafkaConfig["ssl"], boolean | undefined> = {};
  if (vars.KAFKA_SSL_CA_FILE) {
    const ca = readPem("KAFKA_SSL_CA_FILE", vars.KAFKA_SSL_CA_FILE, readFile);
    if (!ca.includes("-----BEGIN CERTIFICATE-----"))
      throw new KafkaConfigError("KAFKA_SSL_CA_FILE", `is not a PEM certificate file (${vars.KAFKA_SSL_CA_FILE})`);
    options.ca = [ca];
  }
  const client = clientCertificate(vars, readFile);
  if (client) Object.assign(options, client);
  return Object.keys(options).length > 0 ? options : true;
}

function readPem(variable: string, file: string, readFile: ReadFile): string {
  try {
    return readFile(file);
  } catch (error) {
    throw new KafkaConfigError(variable, `cannot be read (${file}): ${(error as Error).message}`);
  }
}

/**
 * The client certificate and key for brokers with `ssl.client.auth=required`. Checked here rather
 * than left to the TLS handshake, whose errors ("bad decrypt", "key values mismatch") name no file.
 */
function clientCertificate(
  vars: KafkaVars,
  readFile: ReadFile,
): { cert: string; key: string; passphrase?: string } | undefined {
  const { KAFKA_SSL_CERT_FILE: certFile, KAFKA_SSL_KEY_FILE: keyFile, KAFKA_SSL_KEY_PASSWORD: passphrase } = vars;
  if (!certFile && !keyFile) {
    if (passphrase !== undefined)
      throw new KafkaConfigError("KAFKA_SSL_KEY_PASSWORD", "is set but KAFKA_SSL_KEY_FILE is not");
    return undefined;
  }
  if (!keyFile)
    throw new KafkaConfigError(
      "KAFKA_SSL_KEY_FILE",
      "is required with KAFKA_SSL_CERT_FILE (the client certificate's private key)",
    );
  if (!certFile)
    throw new KafkaConfigError(
      "KAFKA_SSL_CERT_FILE",
      "is required with KAFKA_SSL_KEY_FILE (the client certificate for that key)",
    );

  const cert = readPem("KAFKA_SSL_CERT_FILE", certFile, readFile);
  let certificate: crypto.X509Certificate;
  try {
    certificate = new crypto.X509Certificate(cert);
  } catch {
    throw new KafkaConfigError("KAFKA_SSL_CERT_FILE", `is not a PEM certificate file (${certFile})`);
  }
  const key = readPem("KAFKA_SSL_KEY_FILE", keyFile, readFile);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key))
    throw new KafkaConfigError("KAFKA_SSL_KEY_FILE", `is not a PEM private key file (${keyFile})`);
  const encrypted = key.includes("-----BEGIN ENCRYPTED PRIVATE KEY-----") || key.includes("Proc-Type: 4,ENCRYPTED");
  if (encrypted && passphrase === undefined)
    throw new KafkaConfigError("KAFKA_SSL_KEY_PASSWORD", `is required: KAFKA_SSL_KEY_FILE is encrypted (${keyFile})`);
  if (!encrypted && passphrase !== undefined)
    throw new KafkaConfigError("KAFKA_SSL_KEY_PASSWORD", `is set but KAFKA_SSL_KEY_FILE is not encrypted (${keyFile})`);
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(passphrase === undefined ? key : { key, passphrase });
  } catch {
    // Never the passphrase itself in the message.
    throw new KafkaConfigError(
      encrypted ? "KAFKA_SSL_KEY_PASSWORD" : "KAFKA_SSL_KEY_FILE",
      encrypted ? `does not decrypt KAFKA_SSL_KEY_FILE (${keyFile})` : `cannot be parsed (${keyFile})`,
    );
  }
  if (!certificate.checkPrivateKey(privateKey))
    throw new KafkaConfigError(
      "KAFKA_SSL_KEY_FILE",
      `is not the private key of KAFKA_SSL_CERT_FILE (${keyFile}, ${certFile})`,
    );
  return passphrase === undefined ? { cert, key } : { cert, key, passphrase };
}

function saslOption(vars: KafkaVars): SASLOptions | undefined {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = vars;
  if (!mechanism) {
    const stray =
      username !== undefined ? "KAFKA_SASL_USERNAME" : password !== undefined ? "KAFKA_SASL_PASSWORD" : undefined;
    if (stray)
      throw new KafkaConfigError(stray, `is set but KAFKA_SASL_MECHANISM is not (${SASL_MECHANISMS.join(", ")})`);
    return undefined;
  }
  if (username === undefined)
    throw new KafkaConfigError("KAFKA_SASL_USERNAME", `is required with KAFKA_SASL_MECHANISM=${mechanism}`);
  if (password === undefined)
    throw new KafkaConfigError("KAFKA_SASL_PASSWORD", `is required with KAFKA_SASL_MECHANISM=${mechanism}`);
  return { mechanism, username, password };
}
