import "server-only";
import { DEFAULT_CLUSTER_ID } from "@/server/clusters/cluster-input";
import { tenantClusters } from "@/server/clusters/tenant-cluster";
import type { PrismaClient } from "@/server/db/generated/client";
import type { GroupLag } from "@/server/lag/evaluate-snapshot";
import { STAGES, type Stage } from "@/lib/contract/topics";
import {
  measure,
  type AlertKind,
  type Measurement,
  type StageObservation,
  type TenantObservation,
} from "./rule-condition";
import { stepRule } from "./rule-state";
import { webhookPayload } from "./webhook-payload";
import { ensureDriftRule } from "./drift-rule";

/**
 * Evaluates every enabled alert rule against one lag evaluation (called by the sampler's leader
 * after each sample). A rule's wait state lives in its row and an open event marks it firing, so a
 * new leader carries on where the old one stopped; only the DLQ history is in memory, which makes a
 * new leader's DLQ growth a lower bound for its first window.
 */
export type AlertMemory = { dlqHistory: Map<string, Array<{ atMs: number; end: number }>> };
export const newAlertMemory = (): AlertMemory => ({ dlqHistory: new Map() });

const HISTORY_MS = 24 * 60 * 60_000;

function stagesOfTenant(groups: readonly GroupLag[], slug: string): StageObservation[] {
  const byId = new Map(groups.map((g) => [g.groupId, g]));
  return STAGES.flatMap((stage: Stage) => {
    const group = byId.get(`sync.${slug}.${stage}`);
    return group ? [{ stage, status: group.status, lagSeconds: group.lagSeconds, reason: group.reason }] : [];
  });
}

/** End offsets of a topic by partition, or null when it does not exist (yet). */
export type ReadEndOffsets = (topic: string) => Promise<Map<number, number> | null>;

async function rememberDlq(
  memory: AlertMemory,
  slug: string,
  atMs: number,
  endOffsets: Map<string, Map<number, number>>,
  readEndOffsets?: ReadEndOffsets,
) {
  const topic = `sync.${slug}.dlq`;
  // The snapshot holds the topics some group commits on; nothing has to consume a DLQ, so read it.
  const partitions = endOffsets.get(topic) ?? (await readEndOffsets?.(topic)) ?? undefined;
  if (!partitions) return memory.dlqHistory.get(slug) ?? [];
  const end = [...partitions.values()].reduce((sum, n) => sum + n, 0);
  const history = [...(memory.dlqHistory.get(slug) ?? []), { atMs, end }].filter((p) => p.atMs > atMs - HISTORY_MS);
  memory.dlqHistory.set(slug, history);
  return history;
}

type RuleWithOpenEvent = Awaited<ReturnType<typeof loadRules>>[number];
const loadRules = (db: PrismaClient, where: { tenantId?: string; kind?: string } = {}) =>
  db.alertRule.findMany({
    where: { enabled: true, ...where },
    include: { tenant: { select: { slug: true } }, events: { where: { resolvedAt: null }, take: 1 } },
  });

/** Steps one rule with one measurement: its wait state, and an event (and webhook) on a transition. */
async function applyMeasurement(
  db: PrismaClient,
  rule: RuleWithOpenEvent,
  measurement: Measurement,
  atMs: number,
  options: { consoleUrl?: string },
) {
  const spec = { kind: rule.kind as AlertKind, forMinutes: rule.forMinutes };
  const open = rule.events[0];
  const step = stepRule(
    spec,
    { pendingSince: rule.pendingSince?.getTime() ?? null, firing: Boolean(open) },
    measurement,
    atMs,
  );
  const at = new Date(atMs);
  await db.$transaction(async (tx) => {
    await tx.alertRule.update({
      where: { id: rule.id },
      data: {
        pendingSince: step.state.pendingSince === null ? null : new Date(step.state.pendingSince),
        ...(measurement.known ? { lastValue: measurement.value } : {}),
        evaluatedAt: at,
      },
    });
    if (step.transition === null) return;
    const event =
      step.transition === "firing"
        ? await tx.alertEvent.create({
            data: {
              ruleId: rule.id,
              tenantId: rule.tenantId,
              firedAt: at,
              value: measurement.value,
              summary: measurement.summary,
            },
          })
        : await tx.alertEvent.update({ where: { id: open!.id }, data: { resolvedAt: at } });
    if (!rule.webhookUrl) return;
    const payload = webhookPayload({
      rule,
      tenant: rule.tenant.slug,
      event,
      transition: step.transition,
      currentSummary: measurement.summary,
      consoleUrl: options.consoleUrl,
    });
    await tx.alertDelivery.create({
      data: {
        eventId: event.id,
        transition: step.transition,
        url: rule.webhookUrl,
        payload,
        nextAttemptAt: new Date(),
      },
    });
  });
  return step.transition;
}

export async function evaluateAlerts(
  db: PrismaClient,
  memory: AlertMemory,
  sample: {
    atMs: number;
    groups: readonly GroupLag[];
    endOffsets: Map<string, Map<number, number>>;
    /** the Kafka cluster sampled (default: `default`): only the rules of tenants whose pipeline runs there are judged */
    cluster?: string;
  },
  options: { consoleUrl?: string; readEndOffsets?: ReadEndOffsets } = {},
): Promise<{ fired: number; resolved: number }> {
  const all = await loadRules(db);
  const clusterOf = await tenantClusters([...new Set(all.map((r) => r.tenant.slug))], db);
  const rules = all.filter((r) => clusterOf.get(r.tenant.slug) === (sample.cluster ?? DEFAULT_CLUSTER_ID));
  const observations = new Map<string, TenantObservation>();
  const needsDlq = new Set(rules.filter((r) => r.kind === "dlq_growth").map((r) => r.tenant.slug));
  for (const slug of new Set(rules.map((r) => r.tenant.slug))) {
    const dlqHistory = needsDlq.has(slug)
      ? await rememberDlq(memory, slug, sample.atMs, sample.endOffsets, options.readEndOffsets)
      : [];
    observations.set(slug, { atMs: sample.atMs, stages: stagesOfTenant(sample.groups, slug), dlqHistory });
  }
  let fired = 0;
  let resolved = 0;
  for (const rule of rules) {
    const spec = {
      kind: rule.kind as AlertKind,
      stage: rule.stage as Stage | null,
      threshold: rule.threshold,
      statuses: rule.statuses,
      forMinutes: rule.forMinutes,
    };
    const transition = await applyMeasurement(
      db,
      rule,
      measure(spec, observations.get(rule.tenant.slug)!),
      sample.atMs,
      options,
    );
    if (transition === "firing") fired += 1;
    if (transition === "resolved") resolved += 1;
  }
  return { fired, resolved };
}

/**
 * Judges a tenant's reconciliation-drift rules by a run that just finished. A tenant that has no
 * such rule gets one (more than 0 differing ids), so drift alerts from the first run on; switching
 * it off or raising its threshold is an ordinary rule change.
 */
export async function evaluateReconcileDrift(
  db: PrismaClient,
  tenantId: string,
  run: { differences: number; atMs: number },
  options: { consoleUrl?: string } = {},
): Promise<{ fired: number; resolved: number }> {
  await ensureDriftRule(db, tenantId, "reconciliation"); // a tenant from before rules were made at provisioning
  const observation: TenantObservation = {
    atMs: run.atMs,
    stages: [],
    dlqHistory: [],
    reconcileDifferences: run.differences,
  };
  let fired = 0;
  let resolved = 0;
  for (const rule of await loadRules(db, { tenantId, kind: "reconcile_drift" })) {
    const spec = {
      kind: "reconcile_drift" as const,
      stage: null,
      threshold: rule.threshold,
      statuses: rule.statuses,
      forMinutes: rule.forMinutes,
    };
    const transition = await applyMeasurement(db, rule, measure(spec, observation), run.atMs, options);
    if (transition === "firing") fired += 1;
    if (transition === "resolved") resolved += 1;
  }
  return { fired, resolved };
}
