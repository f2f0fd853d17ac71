/**
 * Promotion: what a target (a tenant's processors, or a pool's) runs in one environment, carried to
 * another as new revisions — the same version and settings per stage, the destination's own
 * replica count when it runs there already. Only what settled in the source can be promoted: a
 * stage whose latest revision there is still in flight, failed, or stopped refuses the whole
 * promotion, so a half-promoted pipeline cannot happen. Pure.
 */
import type { DeploymentState } from "./lifecycle";
import type { RevisionFields } from "./diff";

export type StageRevision = RevisionFields & { revision: number; state: DeploymentState };

export type PromotionStage = RevisionFields & { stage: string; fromRevision: number };

export type PromotionPlan = { ok: true; stages: PromotionStage[] } | { ok: false; reason: string };

const sameRun = (a: RevisionFields, b: RevisionFields) =>
  a.version === b.version && JSON.stringify(sorted(a.config)) === JSON.stringify(sorted(b.config));
const sorted = (config: Record<string, string>) => Object.entries(config).sort(([x], [y]) => x.localeCompare(y));

export function planPromotion(input: {
  target: string;
  from: string;
  to: string;
  stages: readonly string[];
  /** per stage, the latest revision in `from` that was not canceled */
  source: ReadonlyMap<string, StageRevision>;
  /** per stage, what `to` runs now (its latest revision that was not canceled) */
  destination: ReadonlyMap<string, StageRevision>;
}): PromotionPlan {
  const { target, from, to } = input;
  if (from === to) return { ok: false, reason: `promote from ${from} to another environment` };
  const stages: PromotionStage[] = [];
  for (const stage of input.stages) {
    const source = input.source.get(stage);
    if (!source) return { ok: false, reason: `${target} has no ${stage} deployment in ${from}` };
    const where = `${from}'s ${stage} revision ${source.revision}`;
    if (source.state !== "SUCCEEDED")
      return { ok: false, reason: `${where} is ${source.state}: promote only what succeeded` };
    if (source.replicas === 0) return { ok: false, reason: `${where} is stopped: nothing runs there to promote` };
    const current = input.destination.get(stage);
    const running = current && current.state === "SUCCEEDED" && current.replicas > 0;
    if (running && sameRun(current, source)) continue;
    stages.push({
      stage,
      fromRevision: source.revision,
      version: source.version,
      config: source.config,
      replicas: running ? current.replicas : source.replicas,
    });
  }
  if (stages.length === 0) return { ok: false, reason: `${to} already runs what ${from} runs for ${target}` };
  return { ok: true, stages };
}
