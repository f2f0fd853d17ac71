/**
 * Kafka connection settings from the environment, validated once, for the console and the
 * pipeline workers alike (so no `server-only` here). The same variables point SyncDeck at the local
 * broker or at a managed TLS/SASL cluster:
 *
 *   KAFKA_BROKERS         host:port[,host:port…]  (required)
 *   KAFKA_CLIENT_ID       default "syncdeck"
 *   KAFKA_SSL             "true" for TLS; unset (or "false") for plaintext
 *   KAFKA_SSL_CA_FILE     PEM file of the CA to trust instead of the system's (needs KAFKA_SSL=true)
 *   KAFKA_SASL_MECHANISM  plain | scram-sha-256 | scram-sha-512
 *   KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD  required with a mechanism, refused without one
 *
 * An empty variable counts as unset (compose files and CI often write `KAFKA_SSL=`).
 */
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
      if (bad !== undefined) ctx.addIssue({ code: "custom", message: `has "${bad}", which is not host:port (hostname or IPv4 address, port 1-65535)` });
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
  // Java clients spell mechanisms in capitals (SCRAM-SHA-512); accept what people copy from there.
  KAFKA_SASL_MECHANISM: text.pipe(
    z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(z.enum(SASL_MECHANISMS, { error: (issue) => `must be one of ${SASL_MECHANISMS.join(", ")} (got "${issue.input}")` }))
      .optional(),
  ),
  KAFKA_SASL_USERNAME: text,
  KAFKA_SASL_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
});
type KafkaVars = z.infer<typeof envSchema>;

/** Each variable's own schema, for the configuration catalogue (server/config/catalogue.ts). */
export const kafkaEnvShape = envSchema.shape;

/**
 * Pure apart from reading the CA file, which goes through `readFile` (tests pass a fake).
 * Throws KafkaConfigError naming the first wrong variable.
 */
export function parseKafkaEnv(env: KafkaEnv, readFile: (file: string) => string = (file) => fs.readFileSync(file, "utf8")): KafkaConfig {
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

function sslOption(vars: KafkaVars, readFile: (file: string) => string): KafkaConfig["ssl"] {
  const enabled = vars.KAFKA_SSL === "true";
  const caFile = vars.KAFKA_SSL_CA_FILE;
  if (!caFile) return enabled || undefined;
  // A CA without TLS would silently connect in plaintext: the opposite of what was asked for.
  if (!enabled) throw new KafkaConfigError("KAFKA_SSL_CA_FILE", 'is set but KAFKA_SSL is not "true"');
  let ca: string;
  try {
    ca = readFile(caFile);
  } catch (error) {
    throw new KafkaConfigError("KAFKA_SSL_CA_FILE", `cannot be read (${caFile}): ${(error as Error).message}`);
  }
  if (!ca.includes("-----BEGIN CERTIFICATE-----")) throw new KafkaConfigError("KAFKA_SSL_CA_FILE", `is not a PEM certificate file (${caFile})`);
  return { ca: [ca] };
}

function saslOption(vars: KafkaVars): SASLOptions | undefined {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = vars;
  if (!mechanism) {
    const stray = username !== undefined ? "KAFKA_SASL_USERNAME" : password !== undefined ? "KAFKA_SASL_PASSWORD" : undefined;
    if (stray) throw new KafkaConfigError(stray, `is set but KAFKA_SASL_MECHANISM is not (${SASL_MECHANISMS.join(", ")})`);
    return undefined;
  }
  if (username === undefined) throw new KafkaConfigError("KAFKA_SASL_USERNAME", `is required with KAFKA_SASL_MECHANISM=${mechanism}`);
  if (password === undefined) throw new KafkaConfigError("KAFKA_SASL_PASSWORD", `is required with KAFKA_SASL_MECHANISM=${mechanism}`);
  return { mechanism, username, password };
}
