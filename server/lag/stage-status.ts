import "server-only";
import type { Viewer } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";
import { STAGES, type Stage } from "@/lib/contract/topics";
import type { LagStatus } from "./burrow-status";
import { getSamplerInfo, type SamplerInfo } from "./read-lag";
import { lagScope } from "./lag-scope";
import { tenantClusters } from "@/server/clusters/tenant-cluster";

export type StageStatus = {
  stage: Stage;
  groupId: string;
  status: LagStatus | "NO_DATA";
  reason: string;
  lag: number;
  lagSeconds: number;
  members: number;
};

/** Each visible tenant's pipeline stages as the sampler last saw them, keyed by tenant slug. */
export async function getStageStatuses(
  viewer: Viewer,
  slugs: string[],
): Promise<{ byTenant: Record<string, StageStatus[]>; sampler: SamplerInfo }> {
  const scope = await lagScope(viewer);
  const visible = scope.all ? slugs : slugs.filter((slug) => scope.prefixes.includes(`sync.${slug}.`));
  const groupIds = visible.flatMap((slug) => STAGES.map((stage) => `sync.${slug}.${stage}`));
  // each tenant's groups on its own environment's cluster
  const clusterOf = await tenantClusters(visible);
  const clusterIds = visible.flatMap((slug) => STAGES.map(() => clusterOf.get(slug)!));
  const rows = groupIds.length
    ? await getPrisma().$queryRaw<
        { group_id: string; status: string; reason: string; lag: bigint; lag_seconds: number; members: number }[]
      >`
        SELECT group_id, status, reason, lag, lag_seconds, members FROM lag_group_state
        WHERE (cluster_id, group_id) IN (SELECT * FROM unnest(${clusterIds}::text[], ${groupIds}::text[]))`
    : [];
  const sampler = await getSamplerInfo();
  const byGroup = new Map(rows.map((r) => [r.group_id, r]));
  const byTenant: Record<string, StageStatus[]> = {};
  for (const slug of visible) {
    byTenant[slug] = STAGES.map((stage) => {
      const groupId = `sync.${slug}.${stage}`;
      const row = byGroup.get(groupId);
      if (!row)
        return {
          stage,
          groupId,
          status: "NO_DATA",
          reason: "no committed offsets yet",
          lag: 0,
          lagSeconds: 0,
          members: 0,
        };
      const status = sampler.stale ? "ERR" : (row.status as LagStatus);
      const reason = sampler.stale
        ? `lag data is stale: ${sampler.error ?? "the sampler has not run recently"}`
        : row.reason;
      return {
        stage,
        groupId,
        status,
        reason,
        lag: Number(row.lag),
        lagSeconds: row.lag_seconds,
        members: row.members,
      };
    });
  }
  return { byTenant, sampler };
}
