import { z } from "zod";
import { bigintId } from "@/server/lib/bounded-values";
import { pageFields } from "@/server/lib/page-query";
import { STATUSES } from "@/server/lag/burrow-status";
import { tenantSlugSchema } from "@/lib/contract/tenant-slug";
import { STAGES } from "@/lib/contract/topics";
import { ALERT_KINDS } from "./rule-condition";

/** A webhook address: http(s) only, no credentials in it (they would show in the rule list). */
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "must be an http(s) URL without user name or password");

const fields = {
  name: z.string().trim().min(1, "name is required").max(120),
  stage: z.enum(STAGES).nullable(),
  threshold: z.number().finite().min(0).max(1e9),
  statuses: z.array(z.enum(STATUSES)).max(STATUSES.length),
  forMinutes: z.number().int().min(0).max(1440),
  webhookUrl: webhookUrl.nullable(),
};

/** What a rule of its kind lacks (also checked on a partial update against the stored rule). */
export function kindProblems(rule: {
  kind?: string;
  statuses?: readonly string[];
  forMinutes?: number;
}): Array<{ path: string; message: string }> {
  const problems = [];
  if (rule.kind === "status" && rule.statuses?.length === 0)
    problems.push({ path: "statuses", message: "a status rule needs at least one status" });
  if (rule.kind === "dlq_growth" && rule.forMinutes === 0)
    problems.push({ path: "forMinutes", message: "a DLQ-growth rule needs a window of at least 1 minute" });
  return problems;
}

function checkKind(rule: Parameters<typeof kindProblems>[0], ctx: z.RefinementCtx) {
  for (const p of kindProblems(rule)) ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
}

export const createRuleInput = z
  .object({
    tenant: z.string().min(1),
    kind: z.enum(ALERT_KINDS),
    name: fields.name,
    stage: fields.stage.default(null),
    threshold: fields.threshold.default(0),
    statuses: fields.statuses.default([]),
    forMinutes: fields.forMinutes.default(0),
    webhookUrl: fields.webhookUrl.default(null),
  })
  .strict()
  .superRefine(checkKind);

export const updateRuleInput = z
  .object({ ...fields, enabled: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field to change");

export const ruleIdParam = z.string().uuid("rule id must be a UUID");

export const listAlertsQuery = z
  .object({
    tenant: tenantSlugSchema().optional(),
    state: z.enum(["firing", "resolved"]).optional(),
    /** keyset paging: events older than this id */
    before: bigintId("before").optional(),
    /** numbered paging (with `total` in the answer): the events of page `page` of `limit` each */
    page: pageFields({ defaultSize: 50, maxSize: 200 }).page,
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((query) => query.before === undefined || query.page === 1, {
    message: "use either before (keyset) or page, not both",
    path: ["page"],
  });
