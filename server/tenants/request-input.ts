/**
 * What a tenant request must say, validated in one place for the form, the API and resubmission.
 * The source names where changes come from; a password never travels in it. The platform secret
 * that holds it (`SYNCDECK_SOURCE_SECRET_<NAME>`, see ./source-secrets.ts) is assigned by an admin,
 * so only an approver's request may name one.
 */
import { z } from "zod";
import { POOL_PREFIX } from "@/lib/contract/placement";
import { TENANT_SLUG } from "@/lib/contract/tenant-slug";
import { SOURCE_TABLES } from "@/lib/contract/topics";
import { SECRET_PREFIX, SECRET_SETTING_SUFFIXES } from "./source-secrets";

/** path segments of the tenant pages and API that a slug would shadow */
export const RESERVED_SLUGS = ["new", "requests"];

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} is at most ${max} characters`)
    .refine((s) => !s.includes("\u0000"), `${field} contains a NUL character`);

export const contactInput = z
  .object({
    name: text("contact name", 200),
    email: z.email({ error: "contact email is not an email address" }).max(320),
  })
  .strict();

const hostname = z
  .string()
  .trim()
  .min(1, "source host is required")
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, "source host must be a host name or IP address");

export const secretName = z
  .string({ error: "password secret is required" })
  .regex(
    /^[A-Z][A-Z0-9_]{1,62}$/,
    `password secret must be upper-case letters, digits and _, the <NAME> of ${SECRET_PREFIX}<NAME>`,
  )
  .refine(
    (name) => !SECRET_SETTING_SUFFIXES.some((suffix) => name.endsWith(suffix)),
    `password secret must not end with ${SECRET_SETTING_SUFFIXES.join(", ")}`,
  );

export const sourceInput = z.discriminatedUnion(
  "kind",
  [
    /** a database created for the tenant on the platform's source server (the local default) */
    z.object({ kind: z.literal("managed") }).strict(),
    /** the tenant's own PostgreSQL, reachable from Kafka Connect, with wal_level=logical */
    z
      .object({
        kind: z.literal("external"),
        host: hostname,
        port: z.number({ error: "source port must be a number" }).int().min(1).max(65_535),
        database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "source database must be a Postgres identifier"),
        user: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "source user must be a Postgres identifier"),
        /** assigned by an admin (see ./source-secrets.ts); absent until then */
        passwordSecret: secretName.optional(),
      })
      .strict(),
  ],
  { error: 'source.kind must be "managed" or "external"' },
);

export type SourceInput = z.infer<typeof sourceInput>;

export const tenantRequestInput = z
  .object({
    name: text("org name", 200),
    slug: z
      .string({ error: "slug is required" })
      .regex(
        TENANT_SLUG,
        "slug must be 3-40 lowercase letters, digits or dashes, starting with a letter and not ending with a dash",
      )
      .refine((slug) => !RESERVED_SLUGS.includes(slug), "slug: this name is reserved")
      .refine((slug) => !slug.startsWith(POOL_PREFIX), `slug: "${POOL_PREFIX}" starts the names of processor pools`),
    contacts: z.array(contactInput).min(1, "at least one contact is required").max(10, "at most 10 contacts"),
    source: sourceInput,
    expectedDailyChanges: z
      .number({ error: "expected daily changes must be a number" })
      .int()
      .min(0)
      .max(10_000_000_000),
    peakChangesPerSecond: z.number({ error: "peak changes per second must be a number" }).int().min(0).max(1_000_000),
    entities: z
      .array(z.enum(SOURCE_TABLES, { error: `entities are ${SOURCE_TABLES.join(", ")}` }))
      .min(1, "choose at least one entity to sync")
      .refine((e) => new Set(e).size === e.length, "an entity is listed twice"),
    environment: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "environment must be an environment id"),
  })
  .strict();

export type TenantRequest = z.infer<typeof tenantRequestInput>;

export const assignSecretInput = z.object({ passwordSecret: secretName }).strict();
export const declineInput = z.object({ reason: text("reason", 1000) }).strict();
export const offboardInput = z.object({ confirm: z.string({ error: "type the tenant's slug to confirm" }) }).strict();

export const settingsInput = z
  .object({
    lagSloSeconds: z
      .number()
      .int()
      .min(1, "lag SLO is at least 1 s")
      .max(86_400, "lag SLO is at most a day")
      .optional(),
    retentionHours: z
      .number()
      .int()
      .min(1, "retention is at least 1 hour")
      .max(24 * 365, "retention is at most a year")
      .optional(),
  })
  .strict()
  .refine((s) => s.lagSloSeconds !== undefined || s.retentionHours !== undefined, "change at least one setting");
