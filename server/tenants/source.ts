/**
 * Where a tenant's changes come from, resolved to a connection: a `managed` source is a database
 * the platform creates for the tenant on its source server (SOURCE_DATABASE_SERVER_URL, default
 * DATABASE_URL — the local default); an `external` one is the tenant's own Postgres, whose password
 * comes from the platform secret SYNCDECK_SOURCE_SECRET_<NAME>. Only that prefix is ever read, so a
 * request cannot point its connector at another of the platform's secrets.
 */
import { databaseUrl, sourceDatabaseName } from "../../pipeline/source-simulator/source-db";
import { SECRET_PREFIX, sourceInput, type SourceInput } from "./request-input";

export type ResolvedSource = {
  kind: SourceInput["kind"];
  /** connection URL with the password: never logged, never returned by the API */
  url: string;
  /** the same without the password, to show */
  display: string;
  /** for `managed`: the server URL on which provisioning creates the database */
  serverUrl: string | null;
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

/** Throws with the reason (unknown shape, missing secret) — pre-flight shows it. */
export function resolveSource(tenant: string, stored: unknown, env: Record<string, string | undefined>): ResolvedSource {
  const source = sourceInput.parse(stored);
  if (source.kind === "managed") {
    const serverUrl = sourceServerUrl(env);
    const url = databaseUrl(serverUrl, sourceDatabaseName(tenant));
    return { kind: "managed", url, display: redactUrl(url), serverUrl };
  }
  const secret = `${SECRET_PREFIX}${source.passwordSecret}`;
  const password = env[secret];
  if (password === undefined) throw new Error(`the platform has no secret ${secret}; set it where the console runs`);
  const url = new URL(`postgres://${source.host}:${source.port}/${source.database}`);
  url.username = source.user;
  url.password = password;
  return { kind: "external", url: url.toString(), display: redactUrl(url.toString()), serverUrl: null };
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
  return source.kind === "managed"
    ? `platform-managed database ${sourceDatabaseName(tenant)}`
    : `postgres://${source.user}@${source.host}:${source.port}/${source.database} (password in ${SECRET_PREFIX}${source.passwordSecret})`;
}
