import { z } from "zod";
import { AppError } from "@/server/errors";
import { bigintIdText, isStorableTime, MAX_YEAR, MIN_YEAR } from "@/server/lib/bounded-values";

/**
 * An instant: an ISO date-time with its offset (what the console sends), or a date or a date-time
 * without one, read as UTC — never in the server's own zone, which the reader cannot see.
 */
export function parseInstant(text: string): Date {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text) || !/[T ]/.test(text);
  return new Date(zoned ? text : `${text.replace(" ", "T")}Z`);
}

/** Query string of GET /api/audit and its CSV export. Unknown parameters are a 400. */
const isoTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "must be an ISO date or date-time")
  .transform((text, ctx) => {
    const date = parseInstant(text);
    if (!isStorableTime(date))
      ctx.addIssue({ code: "custom", message: `is not a real date in the years ${MIN_YEAR} to ${MAX_YEAR}` });
    return date;
  });

export const auditFilterInput = z
  .object({
    user: z.string().trim().min(1).max(320).optional(),
    tenant: z.uuid("tenant must be a tenant's id (uuid)").optional(),
    action: z
      .string()
      .trim()
      .max(80)
      .regex(/^[a-z0-9_.]+$/, "action has only a-z, 0-9, _ and .")
      .optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    /** an event id */
    cursor: bigintIdText("cursor").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, "from must not be after to");

export type AuditFilter = z.infer<typeof auditFilterInput>;

export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) throw new AppError("BAD_REQUEST", `${key}: given more than once`);
    if (value !== "") raw[key] = value;
  }
  return auditFilterInput.parse(raw);
}

/** "all", or the tenant ids whose events the reader may see (events without a tenant are platform-wide). */
export type AuditScope = "all" | readonly string[];

/** The Prisma `where` for a filter within a scope; `cursor` pages backwards through ids (newest first). */
export function auditWhere(filter: AuditFilter, scope: AuditScope) {
  if (filter.tenant && scope !== "all" && !scope.includes(filter.tenant)) {
    throw new AppError("FORBIDDEN", "You are not a member of this tenant");
  }
  const tenantIds = filter.tenant ? [filter.tenant] : scope === "all" ? undefined : [...scope];
  return {
    ...(tenantIds && { tenantId: { in: tenantIds } }),
    ...(filter.user && { actorEmail: { contains: filter.user, mode: "insensitive" as const } }),
    ...(filter.action && { action: { startsWith: filter.action } }),
    ...((filter.from || filter.to) && {
      at: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lte: filter.to }) },
    }),
    ...(filter.cursor && { id: { lt: BigInt(filter.cursor) } }),
  };
}
