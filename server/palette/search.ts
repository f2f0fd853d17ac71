import "server-only";
import { z } from "zod";
import { decideAccess, tenantsWith, type Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import type { RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { searchEntities } from "@/server/lookup/lookup";
import { parseSearch } from "@/server/lookup/search-query";
import { listConsumerGroups } from "@/server/lag/read-lag";
import { paletteHref, type PaletteHit } from "./hits";

export const paletteQuery = z
  .object({ q: z.string().trim().min(1, "type what to find").max(80, "a search is at most 80 characters") })
  .strict();

const PER_KIND = 6;

/**
 * What the command palette finds for `q` among the things the viewer may open: tenants, consumer
 * groups, and members or claims by id. Never searches by name: that reads health data (the Lookup
 * page's audited search does it). Each kind is skipped where the viewer lacks its permission.
 */
export async function searchPalette(
  viewer: Viewer,
  input: unknown,
  context: RequestContext,
): Promise<{ hits: PaletteHit[] }> {
  const { q } = paletteQuery.parse(input);
  const [tenants, groups, entities] = await Promise.all([
    findTenants(viewer, q),
    findGroups(viewer, q),
    findEntities(viewer, q, context),
  ]);
  return { hits: [...tenants, ...groups, ...entities] };
}

const mayAnywhere = (viewer: Viewer, permission: Permission) => {
  const scope = tenantsWith(viewer, permission);
  return scope === "all" || scope.length > 0;
};

async function findTenants(viewer: Viewer, q: string): Promise<PaletteHit[]> {
  const health = tenantsWith(viewer, "lag.read");
  const settings = tenantsWith(viewer, "tenant.read");
  if (health !== "all" && settings !== "all" && health.length === 0 && settings.length === 0) return [];
  const visible = health === "all" || settings === "all" ? {} : { id: { in: [...new Set([...health, ...settings])] } };
  const tenants = await getPrisma().tenant.findMany({
    where: {
      ...visible,
      OR: [{ slug: { contains: q.toLowerCase() } }, { name: { contains: q, mode: "insensitive" } }],
    },
    select: { id: true, slug: true, name: true, status: true },
    orderBy: { slug: "asc" },
    take: PER_KIND,
  });
  return tenants.map((t) => {
    const seesHealth = decideAccess(viewer, "lag.read", t.id).allowed;
    return {
      kind: "tenant",
      label: t.name,
      detail: `${t.slug} · ${t.status.toLowerCase()}`,
      href: paletteHref.tenant(t.slug, seesHealth ? "health" : "settings"),
    };
  });
}

async function findGroups(viewer: Viewer, q: string): Promise<PaletteHit[]> {
  if (!mayAnywhere(viewer, "lag.read")) return [];
  const { groups } = await listConsumerGroups(viewer, { q, sort: "groupId", order: "asc", pageSize: String(PER_KIND) });
  return groups.map((g) => ({
    kind: "group",
    label: g.groupId,
    detail: `consumer group · ${g.status} · lag ${g.lag}`,
    href: paletteHref.group(g.groupId),
  }));
}

async function findEntities(viewer: Viewer, q: string, context: RequestContext): Promise<PaletteHit[]> {
  const parsed = parseSearch(q);
  if (!parsed.ok || parsed.query.kind !== "id" || !mayAnywhere(viewer, "entity.read")) return [];
  const { suggestions } = await searchEntities(viewer, { q }, context);
  return suggestions.slice(0, PER_KIND).map((s) =>
    s.claimId
      ? {
          kind: "claim",
          label: s.claimId,
          detail: `claim of ${s.memberId} · ${s.tenant}`,
          href: paletteHref.member(s.tenant, s.memberId, s.claimId),
        }
      : {
          kind: "member",
          label: s.memberId,
          detail: `member · ${s.tenant}`,
          href: paletteHref.member(s.tenant, s.memberId),
        },
  );
}
