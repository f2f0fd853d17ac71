import fc from "fast-check";
import { TENANT_SLUG } from "../../lib/contract/tenant-slug";

/**
 * fast-check arbitraries for malformed API input: path segments (already percent-encoded, since a
 * raw `/`, `?` or `#` would change the route), query values and JSON bodies. They lean on what
 * has broken APIs before: NUL and control characters, invalid UTF-8, numbers past 64 bits, dates
 * JavaScript parses but Postgres refuses, over-long strings, wrong JSON types, deep nesting.
 */

/** Percent-encodes every UTF-8 byte of `text`; a lone surrogate becomes U+FFFD's bytes. */
export function percentEncodeBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

export function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return percentEncodeBytes(Buffer.from(text, "utf8"));
  }
}

const LONG = "a".repeat(5_000);

/** Encoded path segments that are wrong in a known way. */
export const NASTY_SEGMENTS = [
  "%00",
  "a%00",
  "%00a",
  "acme%00health",
  "%0A",
  "%0D%0A",
  "%09",
  "%1B",
  "%7F",
  "%08",
  "%C0%80",
  "%C0%AF",
  "%FF",
  "%FE%FF",
  "%ED%A0%80",
  "%E2%80%AE",
  "%EF%BB%BF",
  "%E2%80%8B",
  "%F0%9F%92%A9",
  "%25",
  "%2525",
  "%",
  "%G1",
  "%2F",
  "%5C",
  "%2E%2E",
  "%20",
  "%2B",
  "+",
  "'",
  "%22",
  "%3C%3E",
  "%7B%7D",
  "%3B",
  "*",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "true",
  "-1",
  "0",
  "-0",
  "1e309",
  "0x10",
  "1.5",
  "1%2C2",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775809",
  "9999999999999999999",
  "18446744073709551616",
  "99999999999999999999999999999999999999",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  "00000000-0000-4000-8000-00000000000",
  "%7B00000000-0000-4000-8000-000000000000%7D",
  "a".repeat(41),
  "a".repeat(300),
  LONG,
  "%00".repeat(200),
  "M1",
  "C-1",
  "M-NO-SUCH",
  "sync.%00.update-processor",
  "sync..update-processor",
  "__proto__",
  "constructor",
  "%E3%83%86%E3%83%8A%E3%83%B3%E3%83%88",
  "ACME-HEALTH",
  "-acme",
  "acme-",
  "a",
];

/** Dates at and past the edges of what JavaScript, ISO 8601 and Postgres accept. */
export const EDGE_DATES = [
  "-271821-04-20",
  "-271821-04-19",
  "+275760-09-13",
  "275760-09-13",
  "-000001-01-01",
  "+000000-01-01",
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
  "10000-01-01",
  "+010000-01-01T00:00:00Z",
  "-004713-11-24",
  "-004714-11-23",
  "2026-02-30",
  "2026-13-01",
  "2026-00-10",
  "2026-12-04T25:61:61Z",
  "2026-12-04T12:00:00+14:00",
  "2026-12-04T12:00:00-23:59",
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-19T23:59:59.999Z",
  "1970-01-01T00:00:00Z",
  "Tue Mar 31 2026",
  "0",
  "-1",
  "1e21",
  "8.64e15",
  "-8.64e15",
  "now",
  "today",
  "infinity",
  "-infinity",
  "epoch",
  "2026-12-04 12:00",
  "12/04/2026",
  "2026-W49",
  "2026-12-04T12:00:00.123456789Z",
  "２０２６-１２-０４",
];

/** Numbers as text at the edges of int32, float64 and Postgres bigint. */
export const EDGE_NUMBERS = [
  "0",
  "-0",
  "1",
  "-1",
  "01",
  "1.0",
  "1.5",
  "1e3",
  "1e309",
  "-1e309",
  "0x1F",
  "0b1",
  "Infinity",
  "NaN",
  " 1",
  "1 ",
  "2147483647",
  "2147483648",
  "-2147483649",
  "9007199254740991",
  "9007199254740993",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775808",
  "-9223372036854775809",
  "9999999999999999999",
  "18446744073709551615",
  "99999999999999999999",
  "1".repeat(400),
];

/** Strings a JSON field or query value might carry (not encoded). */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(64),
  "\n",
  "\r\n",
  "\t",
  "\u001b[31m",
  "\u007f",
  "\ud800",
  "\udfff",
  "\ufeff",
  "\u202e",
  "\u200b",
  "💩",
  "テナント",
  "Ω".repeat(300),
  // long, yet short enough that a redirect echoing it in Location fits a client's 16 KB header limit
  "x".repeat(6_000),
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${7*7}",
  "../../etc/passwd",
  "%00",
  "%s%s%s%n",
  "\\",
  '"',
  "null",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  "acme-health",
  "sync.acme-health.updates",
  "member:M1",
  "claim:C-1",
  ...EDGE_DATES,
  ...EDGE_NUMBERS,
];

const bigIntText = fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String);
const rawBytes = fc.uint8Array({ minLength: 1, maxLength: 12 }).map(percentEncodeBytes);
const anyText = fc.string({ unit: "binary", maxLength: 40 });

/** A path segment matching nothing that exists; `real` values are filtered out. */
export function junkSegment(real: ReadonlySet<string>): fc.Arbitrary<string> {
  return (
    fc
      .oneof(
        { weight: 4, arbitrary: fc.constantFrom(...NASTY_SEGMENTS) },
        { weight: 2, arbitrary: anyText.map(encodeSegment) },
        { weight: 1, arbitrary: rawBytes },
        { weight: 1, arbitrary: bigIntText },
        { weight: 1, arbitrary: fc.uuid().map(String) },
        { weight: 1, arbitrary: fc.stringMatching(TENANT_SLUG) },
      )
      // rawBytes may be invalid percent-encoded UTF-8: proxy.ts answers those 400
      .filter((segment) => segment !== "" && !real.has(safeDecode(segment)))
  );
}

/** A real value with something wrong added (a NUL, a space, a slash, a zero-width space …). */
export function mangledSegment(real: readonly string[]): fc.Arbitrary<string> {
  const additions = fc.constantFrom("%00", "%20", "%0A", "%E2%80%8B", "%2F..", "x", ".", "%25", "9223372036854775808");
  return fc
    .tuple(fc.constantFrom(...real), additions, fc.boolean())
    .map(([value, extra, before]) => (before ? `${extra}${encodeSegment(value)}` : `${encodeSegment(value)}${extra}`));
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const PLAUSIBLE: Array<[RegExp, string[]]> = [
  [/^(from|to)$/, EDGE_DATES],
  [/^(cursor|before|limit|page|pageSize)$/, EDGE_NUMBERS],
  [/^range$/, ["15m", "1h", "6h", "24h", "7d", "1y", "0m", "-1h", "9999999999999999999h"]],
  [/^kind$/, ["dlq", "retry", "DLQ", "both"]],
  [/^state$/, ["open", "replayed", "resolved", "discarded", "all", "firing", "closed"]],
  [/^status$/, ["OK", "WARN", "STALL", "STOP", "REWIND", "ERR", "ok"]],
  [/^sort$/, ["lag", "lagSeconds", "status", "groupId", "id; drop"]],
  [/^order$/, ["asc", "desc", "ASC", "up"]],
  [/^unmasked$/, ["0", "1", "true", "yes"]],
  [/^fingerprint$/, ["0123456789abcdef", "0123456789ABCDEF", "0123456789abcde", "g123456789abcdef"]],
  [
    /^(tenant|environment)$/,
    ["acme-health", "globex-care", "local", "00000000-0000-4000-8000-000000000000", "Acme Health"],
  ],
  [
    /^(q|entity|errorClass|user|action|stage)$/,
    [
      "M1",
      "C-1",
      "member:M1",
      "claim:C-1",
      "Smith",
      "Smith John 1980-01-01",
      'a b -c "d e"',
      "!!!",
      "(",
      "':*",
      "user.",
      "update-processor",
    ],
  ],
];

/** A query value for a parameter called `name`: plausible ones for its kind and malformed ones. */
export function queryValue(name: string): fc.Arbitrary<string> {
  const plausible = PLAUSIBLE.find(([pattern]) => pattern.test(name))?.[1] ?? [];
  const dates = fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString());
  return fc.oneof(
    ...(plausible.length ? [{ weight: 4, arbitrary: fc.constantFrom(...plausible).map(encodeSegment) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS).map(encodeSegment) },
    { weight: 1, arbitrary: anyText.map(encodeSegment) },
    { weight: 1, arbitrary: rawBytes },
    { weight: 1, arbitrary: bigIntText },
    { weight: /^(from|to)$/.test(name) ? 2 : 0, arbitrary: dates.map(encodeSegment) },
  );
}

/** A query string over the documented names plus unknown and repeated keys. */
export function queryString(names: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: names.length ? 6 : 0, arbitrary: fc.constantFrom(...(names.length ? names : ["x"])) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("unknown", "__proto__", "limit[]", "a%00", "%00", "", "constructor").map((k) => k),
    },
    { weight: 1, arbitrary: anyText.map(encodeSegment) },
  );
  const pair = key.chain((k) => queryValue(safeDecode(k)).map((v) => `${encodeKey(k)}=${v}`));
  return fc.array(pair, { maxLength: 5 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));
}

function encodeKey(key: string): string {
  return /%[0-9A-F]{2}/i.test(key) ? key : encodeSegment(key);
}

/** A JSON value of any type, including ones a field never expects. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 53 + 1, 1e308, -1e308, -0, 0.1, 1e-320, 13) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant("\u0000")), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2, maxKeys: 3 }) },
);

/** Request body texts that are no valid JSON at all, or JSON of the wrong shape. */
const MALFORMED_BODIES = [
  "",
  " ",
  "{",
  "[",
  "}",
  "nul",
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  "\u0000",
  "\u0000{}",
  "{}\u0000",
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '{"\\u0000":1}',
  "1e400",
  "-0",
  "[]",
  "[{}]",
  '"text"',
  "42",
  "true",
  "null",
  "{}{}",
  "\ufeff{}",
  `{"x":"${"a".repeat(70_000)}"}`,
  "[".repeat(5_000) + "]".repeat(5_000),
  '{"a":'.repeat(2_000) + "1" + "}".repeat(2_000),
];

/** A body for an operation whose JSON schema names `fields`. */
export function bodyText(fields: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: fields.length ? 4 : 0, arbitrary: fc.constantFrom(...(fields.length ? fields : ["x"])) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("__proto__", "constructor", "id", "$where", "tenantId", "role", "isAdmin", ""),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const object = fc.dictionary(key, weirdValue, { maxKeys: Math.max(3, fields.length + 1) });
  // every documented field present, one of them wrong: closer to what passes the first checks
  const nearlyValid = fields.length
    ? fc
        .tuple(fc.constantFrom(...fields), weirdValue, fc.dictionary(fc.constantFrom(...fields), weirdValue))
        .map(([field, value, rest]) => ({ ...rest, [field]: value }))
    : object;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
    { weight: 4, arbitrary: object.map((v) => JSON.stringify(v)) },
    { weight: 4, arbitrary: nearlyValid.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.array(weirdValue, { maxLength: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  );
}

/** Does a body carry U+0000 in any key or string (which no route may store)? */
export function carriesNul(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text.includes("\u0000");
  }
  const walk = (v: unknown): boolean =>
    typeof v === "string"
      ? v.includes("\u0000")
      : Array.isArray(v)
        ? v.some(walk)
        : v !== null && typeof v === "object"
          ? Object.entries(v).some(([k, x]) => k.includes("\u0000") || walk(x))
          : false;
  return walk(value);
}

/**
 * A dry run of a dead-letter replay: schema-shaped, so it reaches the database, and harmless,
 * since a dry run only reads. Ids and filter values come from the edges above.
 */
export const dryRunReplayBody: fc.Arbitrary<string> = fc
  .record({
    selection: fc.oneof(
      fc.record({
        ids: fc.array(fc.oneof(fc.constantFrom(...EDGE_NUMBERS), bigIntText), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        filter: fc.record(
          {
            state: fc.constantFrom("open", "all", "replayed"),
            errorClass: fc.constantFrom(...NASTY_STRINGS),
            stage: fc.constantFrom(...NASTY_STRINGS),
            entity: fc.constantFrom("member:M1", "claim:\u0000", ...NASTY_STRINGS),
            fingerprint: fc.constantFrom("0123456789abcdef", "zz"),
            from: fc.constantFrom(...EDGE_DATES),
            to: fc.constantFrom(...EDGE_DATES),
            q: fc.constantFrom(...NASTY_STRINGS),
          },
          { requiredKeys: [] },
        ),
      }),
    ),
    target: fc.constantFrom("retry", "original"),
    dryRun: fc.constant(true),
  })
  .map((body) => JSON.stringify(body));
