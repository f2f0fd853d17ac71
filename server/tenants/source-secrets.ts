/**
 * The platform's source secrets: the password of an external tenant source, registered by whoever
 * runs the platform together with the places it may be sent to.
 *
 *   SYNCDECK_SOURCE_SECRET_<NAME>              the password
 *   SYNCDECK_SOURCE_SECRET_<NAME>_HOSTS        where it may go: `host:port[/database]`, comma-separated
 *   SYNCDECK_SOURCE_SECRET_<NAME>_SSLMODE      `verify-full` (default) or `disable` (a source without TLS)
 *   SYNCDECK_SOURCE_SECRET_<NAME>_SSLROOTCERT  CA file (PEM) that signed the source's certificate,
 *                                              readable by the console and by the Connect workers
 *
 * Invariants: a secret without `_HOSTS` is never used; a secret is used only for a source whose
 * host, port (and database, when registered) match its registration exactly, so a request cannot
 * send it anywhere else; only an approver assigns a secret to a tenant.
 */

export const SECRET_PREFIX = "SYNCDECK_SOURCE_SECRET_";
/** Suffixes of a secret's settings: no secret may be named so that its password is another's setting. */
export const SECRET_SETTING_SUFFIXES = ["_HOSTS", "_SSLMODE", "_SSLROOTCERT"] as const;
export const SSL_MODES = ["verify-full", "disable"] as const;
export type SslMode = (typeof SSL_MODES)[number];

export type SecretHost = { host: string; port: number; database: string | null };
export type SourceTls = { mode: SslMode; rootCert: string | null };
export type SourceSecret = { name: string; variable: string; password: string; hosts: SecretHost[]; tls: SourceTls };
export type SourceAddress = { host: string; port: number; database: string };
export type Decision = { allowed: true } | { allowed: false; reason: string };

const HOST_ENTRY = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})(?:\/([A-Za-z_][A-Za-z0-9_]{0,62}))?$/;

export function secretVariable(name: string): string {
  return `${SECRET_PREFIX}${name}`;
}

/** `db.acme.test:5432/claims, 10.0.0.7:6432` → entries; throws on anything else, naming the entry. */
export function parseSecretHosts(value: string, variable: string): SecretHost[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = HOST_ENTRY.exec(entry);
      const port = Number(match?.[2]);
      if (!match || port < 1 || port > 65_535)
        throw new Error(`${variable}: "${entry}" is not host:port or host:port/database`);
      return { host: normalHost(match[1]!), port, database: match[3] ?? null };
    });
}

const normalHost = (host: string) => host.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** The registered secret `<NAME>`; throws with what is missing or wrong (pre-flight shows it). */
export function readSourceSecret(name: string, env: Record<string, string | undefined>): SourceSecret {
  const variable = secretVariable(name);
  if (SECRET_SETTING_SUFFIXES.some((suffix) => name.endsWith(suffix)))
    throw new Error(`${variable} names a secret's setting, not a secret`);
  const password = env[variable];
  if (password === undefined) throw new Error(`the platform has no secret ${variable}; set it where the console runs`);
  const hostsValue = env[`${variable}_HOSTS`]?.trim();
  if (!hostsValue)
    throw new Error(`${variable} is not registered for any host; set ${variable}_HOSTS=host:port[/database]`);
  const hosts = parseSecretHosts(hostsValue, `${variable}_HOSTS`);
  const mode = (env[`${variable}_SSLMODE`]?.trim() || "verify-full") as SslMode;
  if (!SSL_MODES.includes(mode)) throw new Error(`${variable}_SSLMODE must be ${SSL_MODES.join(" or ")}`);
  return { name, variable, password, hosts, tls: { mode, rootCert: env[`${variable}_SSLROOTCERT`]?.trim() || null } };
}

/** May `secret` be sent to `source`? Only to a registered host and port (and database, when registered). */
export function decideSecretUse(secret: Pick<SourceSecret, "variable" | "hosts">, source: SourceAddress): Decision {
  const host = normalHost(source.host);
  const match = secret.hosts.some(
    (h) => h.host === host && h.port === source.port && (h.database === null || h.database === source.database),
  );
  if (match) return { allowed: true };
  const registered = secret.hosts.map((h) => `${h.host}:${h.port}${h.database ? `/${h.database}` : ""}`).join(", ");
  return {
    allowed: false,
    reason: `${secret.variable} is registered for ${registered}, not for ${source.host}:${source.port}/${source.database}; its password is not sent there`,
  };
}

/** Only an approver assigns a secret: a requester naming one could send another tenant's password to their own host. */
export function decideSecretAssignment(approver: boolean): Decision {
  return approver
    ? { allowed: true }
    : {
        allowed: false,
        reason: "only an admin assigns the platform secret that holds a source's password; leave it out of the request",
      };
}
