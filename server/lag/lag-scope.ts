import "server-only";
import type { Viewer } from "@/server/auth/access";
import { tenantsWith } from "@/server/auth/access";
import { getPrisma } from "@/server/db/client";

/**
 * Which consumer groups a viewer may see: every group for global `lag.read` holders (the whole
 * cluster, not only ours), otherwise only their tenants' pipeline groups (`sync.<slug>.*`).
 */
export type GroupScope = { all: true } | { all: false; prefixes: string[] };

export async function lagScope(viewer: Viewer): Promise<GroupScope> {
  const scope = tenantsWith(viewer, "lag.read");
  if (scope === "all") return { all: true };
  const tenants = await getPrisma().tenant.findMany({ where: { id: { in: scope } }, select: { slug: true } });
  return { all: false, prefixes: tenants.map((t) => `sync.${t.slug}.`) };
}

export function inScope(scope: GroupScope, groupId: string): boolean {
  return scope.all || scope.prefixes.some((prefix) => groupId.startsWith(prefix));
}
