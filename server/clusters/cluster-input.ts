/**
 * What a Kafka cluster is made of, as data: a name people type (`staging-kafka`), a title, its
 * bootstrap brokers, TLS / mutual TLS / SASL settings, its Kafka Connect and (optionally) its
 * Schema Registry. Secrets are never part of it: a setting that is a secret holds the NAME of a
 * platform secret, `SYNCDECK_KAFKA_SECRET_<NAME>`, set where the console and workers run, so the
 * database (and the audit log) never hold a password and a cluster record cannot point a password
 * at any other variable of the process. Pure; the API, the CLI and the Admin page validate with it.
 */
import { z } from "zod";

export const KAFKA_SECRET_PREFIX = "SYNCDECK_KAFKA_SECRET_";
export const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
/** The cluster KAFKA_BROKERS / KAFKA_CONNECT_URL declare; environments without a cluster use it. */
export const DEFAULT_CLUSTER_ID = "default";

export const clusterId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/,
    "a cluster name is 2–40 characters: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen",
  );

const BROKER = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?:(\d{1,5})$/;
const broker = z.string().refine((value) => {
  const port = Number(BROKER.exec(value)?.[1]);
  return port >= 1 && port <= 65_535;
}, "a broker is host:port (hostname or IPv4 address, port 1-65535)");

export const secretReference = z
  .string()
  .regex(
    /^[A-Z][A-Z0-9_]{1,62}$/,
    `a secret is named by upper-case letters, digits and _: the <NAME> of ${KAFKA_SECRET_PREFIX}<NAME>`,
  );

/** A file the console's processes read (a CA or client certificate, a key): a path, never its content. */
const filePath = z
  .string()
  .trim()
  .min(1, "the file path is empty")
  .max(1000, "the file path is longer than 1000 characters")
  .refine((p) => !p.includes("-----BEGIN"), "give the file's path, not its content");

const httpUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `${what} must be an http(s) URL` })
    .max(2000, `${what} is longer than 2000 characters`)
    .refine((u) => {
      // zod runs this check after a failed URL check too: that one already says what is wrong
      if (!URL.canParse(u)) return true;
      const parsed = new URL(u);
      return !parsed.username && !parsed.password;
    }, `${what} must not contain credentials (they would show wherever the URL is shown)`);

export const clusterSecurity = z
  .object({
    tls: z.boolean().default(false),
    caFile: filePath.optional(),
    certFile: filePath.optional(),
    keyFile: filePath.optional(),
    keyPasswordSecret: secretReference.optional(),
    sasl: z
      .object({
        mechanism: z.enum(SASL_MECHANISMS, { error: `the SASL mechanism is one of ${SASL_MECHANISMS.join(", ")}` }),
        username: z.string().trim().min(1, "the SASL user name is empty").max(200),
        passwordSecret: secretReference,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // A CA or client certificate without TLS would silently connect in plaintext.
    if (!s.tls && (s.caFile || s.certFile || s.keyFile || s.keyPasswordSecret))
      ctx.addIssue({ code: "custom", message: "caFile, certFile, keyFile and keyPasswordSecret need tls: true" });
    if (Boolean(s.certFile) !== Boolean(s.keyFile))
      ctx.addIssue({ code: "custom", message: "mutual TLS needs both certFile and keyFile" });
    if (s.keyPasswordSecret && !s.keyFile)
      ctx.addIssue({ code: "custom", message: "keyPasswordSecret is set but keyFile is not" });
  });

export type ClusterSecurity = z.infer<typeof clusterSecurity>;

const title = z.string().trim().min(1, "the title is empty").max(100, "the title is longer than 100 characters");
const connectFields = {
  connectUrl: httpUrl("connectUrl").nullable(),
  connectUsername: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((u) => !u.includes(":"), 'must not contain ":"')
    .nullable(),
  connectPasswordSecret: secretReference.nullable(),
  schemaRegistryUrl: httpUrl("schemaRegistryUrl").nullable(),
};

/** Connect's basic auth is both a user name and a password secret, or neither; null when it is. */
export function connectAuthProblem(c: {
  connectUsername?: string | null;
  connectPasswordSecret?: string | null;
}): string | null {
  if (!c.connectUsername && c.connectPasswordSecret) return "connectPasswordSecret needs connectUsername";
  if (c.connectUsername && !c.connectPasswordSecret) return "connectUsername needs connectPasswordSecret";
  return null;
}

function checkConnectAuth(
  c: { connectUsername?: string | null; connectPasswordSecret?: string | null },
  ctx: z.RefinementCtx,
) {
  const problem = connectAuthProblem(c);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

/** A new cluster, as the API takes it: title (default: the name), security ({}), Connect and Schema Registry (none) may be left out. */
export const clusterRequest = z
  .object({
    id: clusterId,
    title: title.optional(),
    brokers: z
      .array(broker, { error: "brokers is a list of host:port" })
      .min(1, "at least one broker is needed")
      .max(50, "more than 50 brokers"),
    security: clusterSecurity.default({ tls: false }),
    connectUrl: connectFields.connectUrl.default(null),
    connectUsername: connectFields.connectUsername.default(null),
    connectPasswordSecret: connectFields.connectPasswordSecret.default(null),
    schemaRegistryUrl: connectFields.schemaRegistryUrl.default(null),
  })
  .strict()
  .superRefine(checkConnectAuth)
  .refine((c) => c.id !== DEFAULT_CLUSTER_ID, {
    message: `the name ${DEFAULT_CLUSTER_ID} is the cluster KAFKA_BROKERS declares`,
    path: ["id"],
  })
  .transform((c) => ({ ...c, title: c.title ?? c.id }));

export type NewCluster = z.output<typeof clusterRequest>;

/** A change to a cluster: any field but its name; a field given as null is cleared. */
export const clusterChange = z
  .object({
    title: title.optional(),
    brokers: z.array(broker).min(1, "at least one broker is needed").max(50, "more than 50 brokers").optional(),
    security: clusterSecurity.optional(),
    connectUrl: connectFields.connectUrl.optional(),
    connectUsername: connectFields.connectUsername.optional(),
    connectPasswordSecret: connectFields.connectPasswordSecret.optional(),
    schemaRegistryUrl: connectFields.schemaRegistryUrl.optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), "nothing to change: give at least one field");

export type ClusterChange = z.output<typeof clusterChange>;

/** `{ cluster }`: the cluster an environment's pipelines use; null for the default one. */
export const environmentClusterInput = z.object({ cluster: clusterId.nullable() }).strict();

/** The first problem of a failed parse, in words, with the field it concerns. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid cluster";
  const field = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${field}${issue.message}`;
}

export function kafkaSecretVariable(name: string): string {
  return `${KAFKA_SECRET_PREFIX}${name}`;
}
