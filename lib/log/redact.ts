/**
 * What a log line may never carry, removed before it is written: credentials (passwords, tokens,
 * secrets, authorization and cookie headers, the password of a connection string) and member health
 * data (names, dates of birth, addresses, claim and change payloads). Pure; used by ./logger.ts on
 * every line, so a careless `log.info({ config }, …)` or an error message quoting a DATABASE_URL is
 * still safe. No imports: the console's client code may use it too.
 */
export const REDACTED = "[redacted]";

/** Keys whose value is a credential, in any casing and with any separator (dbPassword, x-api-key). */
const CREDENTIAL_KEY =
  /pass(word|wd|phrase)?$|secret|token|authorization|cookie|api[-_]?key|credential|private[-_]?key|^sasl$/i;

/** Keys of member health data and of the payloads that carry it (Debezium before/after, DLQ values). */
const HEALTH_DATA_KEYS = new Set(
  [
    "firstName",
    "lastName",
    "fullName",
    "memberName",
    "first_name",
    "last_name",
    "full_name",
    "member_name",
    "dateOfBirth",
    "date_of_birth",
    "birthDate",
    "birth_date",
    "dob",
    "addressLine",
    "address_line",
    "street",
    "postalCode",
    "postal_code",
    "phone",
    "email",
    "ssn",
    "ndc",
    "drugName",
    "drug_name",
    "diagnosis",
    "payload",
    "before",
    "after",
    "claim",
    "claims",
    "member",
    "members",
  ].map((k) => k.toLowerCase()),
);

export function isSensitiveKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key) || HEALTH_DATA_KEYS.has(key.toLowerCase());
}

/**
 * A copy of `value` with every sensitive key's value replaced by REDACTED and URL passwords masked
 * in every string, at any depth. Errors are copied to plain objects (type, message, stack and their
 * own fields) so their text is masked too. Cycles and depth beyond 8 become "[…]".
 */
export function redactFields(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return maskUrlPasswords(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > 8) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1, seen));
  const entries: Array<[string, unknown]> =
    value instanceof Error
      ? [["type", value.name], ["message", value.message], ["stack", value.stack], ...Object.entries(value)]
      : Object.entries(value);
  if (value instanceof Error && value.cause !== undefined) entries.push(["cause", value.cause]);
  return Object.fromEntries(
    entries.map(([k, v]) => [k, isSensitiveKey(k) ? REDACTED : redactFields(v, depth + 1, seen)]),
  );
}

// scheme://user:password@ — the user stays (it tells which role connected), the password goes.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*):([^\s/@"'<>]+)@/gi;

/** "postgres://app:s3cret@db:5432/x" → "postgres://app:***@db:5432/x", anywhere in the text. */
export function maskUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, "$1:***@");
}

/** Variables whose whole value is a secret (KAFKA_SASL_PASSWORD, NEXTAUTH_SECRET, SYNCDECK_SOURCE_SECRET_<NAME>, …). */
const SECRET_VARIABLE = /PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY/i;
/** …but not the settings that go with a secret: where it may be used, a file's path (SYNCDECK_SOURCE_SECRET_<NAME>_HOSTS). */
const SECRET_SETTING = /_(HOSTS?|SSLMODE|SSLROOTCERT|FILE|PATH|URL|MS|SECONDS|MINUTES|HOURS)$/i;
/** Shorter values would mask ordinary words ("on", "true"). */
const MIN_SECRET_LENGTH = 6;
/**
 * A connection string's password is masked wherever it appears only from this length on, and not
 * when it is the user name: the local stack's `postgres:postgres@` would otherwise turn every
 * "postgres" of every line into "***". In a URL it is always masked (maskUrlPasswords).
 */
const MIN_URL_PASSWORD_LENGTH = 10;

/**
 * The secret values this process was given, to be masked wherever they appear in a line: every
 * secret variable's value, and the password of every connection-string variable (DATABASE_URL, …).
 */
export function secretValuesOf(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_VARIABLE.test(name) && !SECRET_SETTING.test(name)) secrets.add(value);
    for (const match of value.matchAll(URL_PASSWORD)) {
      const user = match[1]!.slice(match[1]!.indexOf("//") + 2);
      for (const password of [match[2]!, decodeOrSelf(match[2]!)]) {
        if (password.length >= MIN_URL_PASSWORD_LENGTH && password !== decodeOrSelf(user)) secrets.add(password);
      }
    }
  }
  return [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function decodeOrSelf(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Replaces every occurrence of a known secret in a serialized JSON line with "***". A secret is
 * looked for as it appears inside a JSON string (quotes and backslashes escaped).
 */
export function maskSecretValues(line: string, secrets: readonly string[]): string {
  let masked = line;
  for (const secret of secrets) {
    const asJson = JSON.stringify(secret).slice(1, -1);
    if (masked.includes(asJson)) masked = masked.split(asJson).join("***");
  }
  return masked;
}
