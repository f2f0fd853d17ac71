import "server-only";
import { z } from "zod";
import { tenantsWith, decideAccess, type Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import { parseTenantSlug, type Tenant } from "@/server/auth/resolve-tenant";
import { assertAllowed } from "@/server/auth/viewer";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import {
  loadMemberRecords,
  recentFailures,
  searchTarget,
  type RecentFailure,
  type Sql,
  type Suggestion,
} from "./lookup-queries";
import { buildMemberView, profileOf, type MemberView, type Profile } from "./member-view";
import { maskName } from "./masking";
import { parseSearch } from "./search-query";
import { readSourceVersions, touchInSource } from "./source-reads";

const prismaSql: Sql = (text, params) => getPrisma().$queryRawUnsafe(text, ...params);

/** slug → tenant id of every tenant where the viewer holds `permission`. */
async function tenantsAllowed(viewer: Viewer, permission: Permission): Promise<Map<string, string>> {
  const scope = tenantsWith(viewer, permission);
  const tenants = await getPrisma().tenant.findMany({
    where: scope === "all" ? {} : { id: { in: scope } },
    select: { id: true, slug: true },
  });
  return new Map(tenants.map((t) => [t.slug, t.id]));
}

export const searchParams = z.object({ q: z.string().max(200) }).strict();
const memberIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "member id is letters, digits and dashes");

/**
 * What a member request must pass before its tenant is looked up: the slug's and the member id's
 * shape, and entity.read somewhere. The member id, checked.
 */
export function assertMemberRequest(viewer: Viewer, tenantSlug: string, memberIdInput: string): string {
  parseTenantSlug(tenantSlug);
  const memberId = memberIdSchema.parse(memberIdInput);
  assertAllowed(viewer, "entity.read");
  return memberId;
}

export type SearchResult = { suggestions: Suggestion[]; masked: boolean };

export async function searchEntities(viewer: Viewer, input: unknown, context: RequestContext): Promise<SearchResult> {
  assertAllowed(viewer, "entity.read");
  const { q } = searchParams.parse(input);
  const parsed = parseSearch(q);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.reason);
  const byName = parsed.query.kind === "name";
  // Searching by name or date of birth reads health data: only where the viewer may see it unmasked.
  const tenants = await tenantsAllowed(viewer, byName ? "entity.read_unmasked" : "entity.read");
  if (byName && tenants.size === 0)
    throw new AppError("FORBIDDEN", "Searching by name or date of birth needs entity.read_unmasked");
  const found = await searchTarget(prismaSql, [...tenants.keys()], parsed.query);
  if (byName) {
    await recordAudit(viewer, context, {
      action: "entity.search_by_name",
      target: `search:${found.length} results`,
      after: { query: q, tenants: [...tenants.keys()] },
    });
  }
  // Suggestions never carry health data unmasked: the member page has the audited Reveal for that.
  const masked = found.map((s) => ({
    ...s,
    firstName: maskName(s.firstName),
    lastName: maskName(s.lastName),
    dateOfBirth: s.dateOfBirth?.slice(0, 4) ?? null,
  }));
  return { suggestions: masked, masked: true };
}

/** Claims that failed in the last day in the viewer's tenants (ids and reasons only: no health data). */
export async function listRecentFailures(viewer: Viewer): Promise<RecentFailure[]> {
  assertAllowed(viewer, "entity.read");
  return recentFailures(prismaSql, [...(await tenantsAllowed(viewer, "entity.read")).keys()]);
}

export type MemberPage = MemberView & { canReveal: string | null; canResync: string | null };

/** The member page in a tenant resolved for the viewer with entity.read: another tenant's data looks absent. */
export async function getMemberPage(viewer: Viewer, tenant: Tenant, memberIdInput: string): Promise<MemberPage> {
  const { slug, id: tenantId } = tenant;
  const memberId = assertMemberRequest(viewer, slug, memberIdInput);
  const [records, source] = await Promise.all([
    loadMemberRecords(prismaSql, slug, memberId),
    readSourceVersions(slug, memberId),
  ]);
  if (!records.member && records.claims.length === 0 && records.trail.length === 0 && !source?.member) {
    throw new AppError("NOT_FOUND", `No member ${memberId} in ${slug}`);
  }
  const view = buildMemberView(slug, memberId, records, source, new Date(), false);
  const reveal = decideAccess(viewer, "entity.read_unmasked", tenantId);
  const resync = decideAccess(viewer, "entity.resync", tenantId);
  return {
    ...view,
    canReveal: reveal.allowed ? null : reveal.reason,
    canResync: resync.allowed ? null : resync.reason,
  };
}

/** The unmasked profile: checked per tenant and audited as a read of health data. */
export async function revealMember(
  viewer: Viewer,
  tenant: Tenant,
  memberIdInput: string,
  context: RequestContext,
): Promise<Profile> {
  const { slug, id: tenantId } = tenant;
  const memberId = assertMemberRequest(viewer, slug, memberIdInput);
  assertAllowed(viewer, "entity.read_unmasked", tenantId);
  const { member } = await loadMemberRecords(prismaSql, slug, memberId, 0);
  if (!member) throw new AppError("NOT_FOUND", `No member ${memberId} in ${slug}`);
  await recordAudit(viewer, context, {
    action: "entity.reveal",
    tenantId,
    target: `member:${slug}/${memberId}`,
    after: { fields: ["name", "dateOfBirth", "address"] },
  });
  return profileOf(member, true);
}

export const resyncBody = z
  .object({
    claimId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,40}$/)
      .nullable()
      .default(null),
  })
  .strict();

export async function requestResync(
  viewer: Viewer,
  tenant: Tenant,
  memberIdInput: string,
  readBody: () => Promise<unknown>,
  context: RequestContext,
) {
  const { slug, id: tenantId } = tenant;
  const memberId = assertMemberRequest(viewer, slug, memberIdInput);
  assertAllowed(viewer, "entity.resync", tenantId);
  const { claimId } = resyncBody.parse(await readBody());
  let touched: string[];
  try {
    touched = await touchInSource(slug, memberId, claimId);
  } catch {
    throw new AppError("UNAVAILABLE", `The source database of ${slug} cannot be reached; try again later`);
  }
  if (touched.length === 0)
    throw new AppError(
      "NOT_FOUND",
      claimId ? `No claim ${claimId} of ${memberId} in the source` : `No member ${memberId} in the source`,
    );
  const requestedAt = new Date().toISOString();
  await recordAudit(viewer, context, {
    action: "entity.resync",
    tenantId,
    target: `member:${slug}/${memberId}${claimId ? `/claim:${claimId}` : ""}`,
    after: { touched: touched.length, requestedAt },
  });
  return { touched, requestedAt };
}
