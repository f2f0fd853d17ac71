import type { AlertRule, Tenant } from "@/server/db/generated/client";

export type AlertRuleView = {
  id: string;
  tenant: string;
  name: string;
  kind: string;
  stage: string | null;
  threshold: number;
  statuses: string[];
  forMinutes: number;
  /** the full address for people who manage alerts; only its host for the others (it may hold a token) */
  webhookUrl: string | null;
  webhookHost: string | null;
  enabled: boolean;
  pendingSince: string | null;
  lastValue: number | null;
  evaluatedAt: string | null;
  createdBy: string;
  createdAt: string;
};

export function toRuleView(rule: AlertRule & { tenant: Pick<Tenant, "slug"> }, mayManage: boolean): AlertRuleView {
  const host = rule.webhookUrl ? new URL(rule.webhookUrl).host : null;
  return {
    id: rule.id,
    tenant: rule.tenant.slug,
    name: rule.name,
    kind: rule.kind,
    stage: rule.stage,
    threshold: rule.threshold,
    statuses: rule.statuses,
    forMinutes: rule.forMinutes,
    webhookUrl: mayManage ? rule.webhookUrl : null,
    webhookHost: host,
    enabled: rule.enabled,
    pendingSince: rule.pendingSince?.toISOString() ?? null,
    lastValue: rule.lastValue,
    evaluatedAt: rule.evaluatedAt?.toISOString() ?? null,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt.toISOString(),
  };
}
