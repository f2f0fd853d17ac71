/**
 * The Kafka cluster each tenant's pipeline runs on: its environment's cluster, or the default one
 * (an environment with none, a tenant with no environment). What the lag sampler stores per
 * cluster is read for a tenant's stages from its own cluster, so a same-named group on another
 * cluster never stands in for the tenant's stage.
 */
import "server-only";
import { getPrisma } from "@/server/db/client";
import type { PrismaClient } from "@/server/db/generated/client";
import { DEFAULT_CLUSTER_ID } from "./cluster-input";

export async function tenantClusters(
  slugs: readonly string[],
  db: Pick<PrismaClient, "tenant" | "environment"> = getPrisma(),
): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const tenants = await db.tenant.findMany({
    where: { slug: { in: [...slugs] } },
    select: { slug: true, environmentId: true },
  });
  const environmentIds = [...new Set(tenants.flatMap((t) => (t.environmentId ? [t.environmentId] : [])))];
  const environments = environmentIds.length
    ? await db.environment.findMany({
        where: { id: { in: environmentIds } },
        select: { id: true, kafkaClusterId: true },
      })
    : [];
  const clusterOf = new Map(environments.map((e) => [e.id, e.kafkaClusterId ?? DEFAULT_CLUSTER_ID]));
  return new Map(
    slugs.map((slug) => {
      const environmentId = tenants.find((t) => t.slug === slug)?.environmentId;
      return [slug, (environmentId && clusterOf.get(environmentId)) || DEFAULT_CLUSTER_ID];
    }),
  );
}
