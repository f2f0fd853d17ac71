/**
 * POST /api/deployments/promote — what a target runs in one environment (e.g. staging), promoted to
 * another (e.g. production) as one audited action: a revision per stage that differs, appended in
 * one transaction (all stages or none), each waiting for an admin's approval when the destination
 * is protected, as any deployment there does. Needs deploy.create in the target's tenant (every
 * tenant of a pool); the plan is promotion-plan.ts.
 */
import "server-only";
import { STAGES } from "@/lib/contract/topics";
import type { Viewer } from "@/server/auth/access";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { promoteInput } from "./input";
import type { DeploymentState } from "./lifecycle";
import { planPromotion, type StageRevision } from "./promotion-plan";
import { appendRevision, assertAny, assertEnvironmentAllowed, assertTenantPermission, environmentFor } from "./service";

/** Per stage, the target's latest revision in `environmentId` that was not canceled. */
async function latestRevisions(environmentId: string, target: string): Promise<Map<string, StageRevision>> {
  const rows = await getPrisma().deployment.findMany({
    where: { environmentId, tenant: target, state: { not: "CANCELED" } },
    orderBy: { revision: "desc" },
    distinct: ["stage"],
  });
  return new Map(
    rows.map((d) => [
      d.stage,
      {
        revision: d.revision,
        state: d.state as DeploymentState,
        version: d.version,
        replicas: d.replicas,
        config: d.config as Record<string, string>,
      },
    ]),
  );
}

export async function promoteTarget(viewer: Viewer, context: RequestContext, body: unknown) {
  assertAny(viewer, "deploy.create");
  const input = promoteInput.parse(body);
  const tenantId = await assertTenantPermission(viewer, "deploy.create", input.target);
  assertEnvironmentAllowed(viewer, input.to);
  const [, destination] = await Promise.all([environmentFor(input.from), environmentFor(input.to)]);
  const [sourceRevisions, destinationRevisions] = await Promise.all([
    latestRevisions(input.from, input.target),
    latestRevisions(input.to, input.target),
  ]);
  const plan = planPromotion({
    target: input.target,
    from: input.from,
    to: input.to,
    stages: STAGES,
    source: sourceRevisions,
    destination: destinationRevisions,
  });
  if (!plan.ok) throw new AppError(input.from === input.to ? "BAD_REQUEST" : "CONFLICT", plan.reason);
  return getPrisma().$transaction(async (tx) => {
    const promoted = [];
    for (const stage of plan.stages) {
      const target = { environmentId: input.to, tenant: input.target, stage: stage.stage };
      const { deployment, changes } = await appendRevision(tx, viewer, context, target, destination, {
        action: "promote",
        reason: `promoted from ${input.from} revision ${stage.fromRevision}: ${input.reason}`.slice(0, 500),
        from: () => ({ version: stage.version, config: stage.config, replicas: stage.replicas }),
        tenantId,
        audit: false,
      });
      promoted.push({ deployment, changes, fromRevision: stage.fromRevision });
    }
    await recordAudit(
      viewer,
      context,
      {
        action: "deployment.promote",
        target: `deployment:${input.to}/${input.target}`,
        tenantId,
        before: Object.fromEntries(
          plan.stages.map((s) => [s.stage, destinationRevisions.get(s.stage)?.revision ?? null]),
        ),
        after: {
          from: input.from,
          reason: input.reason,
          revisions: promoted.map((p) => ({
            stage: p.deployment.stage,
            revision: p.deployment.revision,
            fromRevision: p.fromRevision,
            version: p.deployment.version,
            replicas: p.deployment.replicas,
            state: p.deployment.state,
          })),
        },
      },
      tx,
    );
    return {
      deployments: promoted.map((p) => p.deployment),
      changes: promoted.map((p) => ({ stage: p.deployment.stage, changes: p.changes })),
      approval: destination.protected ? ("required" as const) : ("not required" as const),
    };
  });
}
