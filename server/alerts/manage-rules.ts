import "server-only";
import type { Viewer } from "@/server/auth/access";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { resolveTenant } from "@/server/auth/resolve-tenant";
import { assertAllowed } from "@/server/auth/viewer";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { createRuleInput, kindProblems, ruleIdParam, updateRuleInput } from "./rule-input";
import { toRuleView, type AlertRuleView } from "./rule-view";
import { assertWebhookAllowed } from "./webhook-egress";

const auditShape = (rule: AlertRuleView) => ({
  name: rule.name,
  kind: rule.kind,
  stage: rule.stage,
  threshold: rule.threshold,
  statuses: rule.statuses,
  forMinutes: rule.forMinutes,
  webhook: rule.webhookUrl ? new URL(rule.webhookUrl).host : null,
  enabled: rule.enabled,
});

/** Creates a rule in a tenant the viewer manages alerts of (a tenant they cannot see answers 404). */
export async function createRule(viewer: Viewer, context: RequestContext, body: unknown): Promise<AlertRuleView> {
  assertAllowed(viewer, "alert.manage");
  const input = createRuleInput.parse(body);
  const db = getPrisma();
  const tenant = await resolveTenant(viewer, input.tenant, "alert.manage");
  await assertWebhookAllowed(input.webhookUrl);
  return db.$transaction(async (tx) => {
    const { tenant: _slug, ...fields } = input;
    const rule = toRuleView(
      await tx.alertRule.create({
        data: { ...fields, tenantId: tenant.id, createdBy: viewer.email },
        include: { tenant: true },
      }),
      true,
    );
    await recordAudit(
      viewer,
      context,
      { action: "alert_rule.create", target: `alert-rule:${rule.id}`, tenantId: tenant.id, after: auditShape(rule) },
      tx,
    );
    return rule;
  });
}

/**
 * Changes a rule. Switching it off resolves an alert that is firing (the change is the reason), so
 * the history never shows an alert open forever for a rule nobody evaluates.
 */
export async function updateRule(
  viewer: Viewer,
  context: RequestContext,
  id: unknown,
  body: unknown,
): Promise<AlertRuleView> {
  assertAllowed(viewer, "alert.manage");
  const ruleId = ruleIdParam.parse(id);
  const input = updateRuleInput.parse(body);
  await assertWebhookAllowed(input.webhookUrl);
  const db = getPrisma();
  return db.$transaction(async (tx) => {
    const existing = await tx.alertRule.findUnique({ where: { id: ruleId }, include: { tenant: true } });
    if (!existing) throw new AppError("NOT_FOUND", "no such alert rule");
    assertVisible(viewer, existing.tenantId, "");
    assertAllowed(viewer, "alert.manage", existing.tenantId);
    const merged = {
      kind: existing.kind,
      statuses: input.statuses ?? existing.statuses,
      forMinutes: input.forMinutes ?? existing.forMinutes,
    };
    const problems = kindProblems(merged);
    if (problems.length) throw new AppError("BAD_REQUEST", problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    const updated = await tx.alertRule.update({
      where: { id: ruleId },
      data: { ...input, ...(input.enabled === false ? { pendingSince: null } : {}) },
      include: { tenant: true },
    });
    if (input.enabled === false)
      await tx.alertEvent.updateMany({ where: { ruleId, resolvedAt: null }, data: { resolvedAt: new Date() } });
    const before = toRuleView(existing, true);
    const after = toRuleView(updated, true);
    await recordAudit(
      viewer,
      context,
      {
        action: input.enabled === false ? "alert_rule.disable" : "alert_rule.update",
        target: `alert-rule:${ruleId}`,
        tenantId: existing.tenantId,
        before: auditShape(before),
        after: auditShape(after),
      },
      tx,
    );
    return after;
  });
}

/** A rule of a tenant the viewer cannot see answers exactly like one that does not exist. */
function assertVisible(viewer: Viewer, tenantId: string, slug: string) {
  try {
    assertAllowed(viewer, "lag.read", tenantId);
  } catch {
    throw new AppError("NOT_FOUND", slug ? `No tenant ${slug}` : "no such alert rule");
  }
}
