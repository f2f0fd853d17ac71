import { z } from "zod";
import { component, obj } from "./registry";

export const alertRule = component(
  "AlertRule",
  obj({
    id: z.string(),
    tenant: z.string(),
    name: z.string(),
    kind: z.string(),
    stage: z.string().nullable(),
    threshold: z.number(),
    statuses: z.array(z.string()),
    forMinutes: z.number(),
    webhookUrl: z.string().nullable(),
    webhookHost: z.string().nullable(),
    enabled: z.boolean(),
    pendingSince: z.string().nullable(),
    lastValue: z.number().nullable(),
    evaluatedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  }),
);

export const alertRuleResult = obj({ rule: alertRule });

export const alertsView = obj({
  rules: z.array(alertRule),
  events: z.array(
    obj({
      id: z.string(),
      tenant: z.string(),
      ruleId: z.string(),
      ruleName: z.string(),
      firedAt: z.string(),
      resolvedAt: z.string().nullable(),
      value: z.number(),
      summary: z.string(),
      delivery: obj({
        transition: z.string(),
        attempts: z.number(),
        deliveredAt: z.string().nullable(),
        lastError: z.string().nullable(),
        nextAttemptAt: z.string().nullable(),
      }).nullable(),
    }),
  ),
  firing: z.number(),
  firingRuleIds: z.array(z.string()).describe("rules with an open event, on any page"),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  nextBefore: z.string().nullable().describe("pass as `before` for older events; null on the last page"),
});
