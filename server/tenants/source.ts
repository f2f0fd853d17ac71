/**
 * Where a tenant's changes come from, resolved to a connection: a `managed` source is a database
 * the platform creates for the tenant on its source server (SOURCE_DATABASE_SERVER_URL, default
 * DATABASE_URL — the local default); an `external` one is the tenant's own Postgres, whose password
 * is the platform secret an admin assigned to it (./source-secrets.ts). Only that prefix is ever
 * read, the secret is used only for the host it is registered for, over TLS (verify-full) unless
 * its registration says otherwise, and the connector gets a reference to it, never the password.
 */
import "server-only";
import fs from "node:fs";
import type pg from "pg";
import type { SourceTarget } from "@/lib/source-db/source-client";
import { databaseUrl, sourceDatabaseName } from "@/lib/source-db/source-db";
import { sourceConnectionFromUrl, type SourceConnection } from "@/lib/connect/connector-config";
import { sourceInput, type SourceInput } from "./request-input";
import { decideSecretUse, readSourceSecret, secretVariable, type SourceTls } from "./source-secrets";

export type ResolvedSource = {
  kind: SourceInput["kind"];
  /** where the console connects (with the password): never logged, never returned by the API */
  target: SourceTarget;
  /** the same without the password, to show */
  display: string;
  /** for `managed`: the server URL on which provisioning creates the database */
  serverUrl: string | null;
  /** what the connector is given; for `external` the password is a Connect config-provider reference */
  connection: SourceConnection;
};

export function sourceServerUrl(env: Record<string, string | undefined>): string {
  const url = env.SOURCE_DATABASE_SERVER_URL || env.DATABASE_URL;
  if (!url) throw new Error("no source server: set SOURCE_DATABASE_SERVER_URL (or DATABASE_URL)");
  return url;
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** The Connect worker resolves it from its own environment (EnvVarConfigProvider, scripts/stack/connect.ts). */
export function connectSecretReference(variable: string): string {
  return `\${env:${variable}}`;
}

/** node-postgres TLS for a source: the certificate must chain to the CA and name the host (verify-full). */
export function pgSsl(tls: SourceTls, readCa: (file: string) => string): pg.ClientConfig["ssl"] {
  if (tls.mode === "disable") return false;
  return { rejectUnauthorized: true, ...(tls.rootCert ? { ca: readCa(tls.rootCert) } : {}) };
}

/** Throws with the reason (unknown shape, no secret assigned, secret not registered for the host) — pre-flight shows it. */
export function resolveSource(
  tenant: string,
  stored: unknown,
  env: Record<string, string | undefined>,
  readCa = (file: string) => fs.readFileSync(file, "utf8"),
): ResolvedSource {
  const source = sourceInput.parse(stored);
  if (source.kind === "managed") {
    const serverUrl = sourceServerUrl(env);
    const url = databaseUrl(serverUrl, sourceDatabaseName(tenant));
    return {
      kind: "managed",
      target: url,
      display: redactUrl(url),
      serverUrl,
      connection: sourceConnectionFromUrl(url),
    };
  }
  const display = `postgres://${source.user}@${source.host}:${source.port}/${source.database}`;
  if (!source.passwordSecret) throw new Error(`no password secret is assigned to ${display} yet; an admin assigns one`);
  const secret = readSourceSecret(source.passwordSecret, env);
  const use = decideSecretUse(secret, source);
  if (!use.allowed) throw new Error(use.reason);
  return {
    kind: "external",
    target: {
      host: source.host,
      port: source.port,
      database: source.database,
      user: source.user,
      password: secret.password,
      ssl: pgSsl(secret.tls, readCa),
    },
    display,
    serverUrl: null,
    connection: {
      hostname: source.host,
      port: source.port,
      user: source.user,
      database: source.database,
      password: connectSecretReference(secretVariable(source.passwordSecret)),
      sslMode: secret.tls.mode,
      ...(secret.tls.rootCert ? { sslRootCert: secret.tls.rootCert } : {}),
    },
  };
}

/** `managed`, `external`, or `unknown` for a stored source that no longer validates. */
export function sourceKind(stored: unknown): SourceInput["kind"] | "unknown" {
  const parsed = sourceInput.safeParse(stored);
  return parsed.success ? parsed.data.kind : "unknown";
}

/** A line for lists and the approval screen. */
export function describeSource(tenant: string, stored: unknown): string {
  const parsed = sourceInput.safeParse(stored);
  if (!parsed.success) return "unknown source";
  const source = parsed.data;
  if (source.kind === "managed") return `platform-managed database ${sourceDatabaseName(tenant)}`;
  const secret = source.passwordSecret
    ? `password in ${secretVariable(source.passwordSecret)}`
    : "no password secret assigned yet";
  return `postgres://${source.user}@${source.host}:${source.port}/${source.database} (${secret})`;
}
