/**
 * The lookup's SQL against the target database (target_members, target_claims, event_trail). Takes a
 * plain query function so the console (Prisma), the bench and the tests (pg) run the same
 * statements. Every statement is scoped by tenant and served by an index (bench:lookup prints the
 * plans). Prefix searches use a range plus starts_with: the range lets the btree serve it under
 * any parameter value; starts_with keeps the answer exact.
 */
import "server-only";
import { TENANT_KEY } from "@/lib/pg/tenant-key";
import { namedStatement } from "../db/named-statements";
import type { SearchQuery } from "./search-query";
import type { TrailEvent } from "./sync-state";

export type Sql = <T>(text: string, params: unknown[]) => Promise<T[]>;

export type MemberRow = {
  tenant: string;
  member_id: string;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  address_line: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  plan_id: string | null;
  status: string | null;
  source_version: string;
  source_ts: string;
  applied_at: string;
  deleted: boolean;
};
export type ClaimRow = {
  claim_id: string;
  drug_name: string | null;
  pharmacy_id: string | null;
  status: string | null;
  fill_date: string | null;
  amount_paid: string | null;
  source_version: string;
  source_ts: string;
  applied_at: string;
  deleted: boolean;
};
export type TrailRow = TrailEvent & { entity_ref: string };
export type Suggestion = {
  tenant: string;
  memberId: string;
  claimId: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
};

/** Upper bound of a prefix range: ids and names are letters, digits, '-' and '\'', all below '~'. */
const upper = (prefix: string) => `${prefix}~`;

const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const SQL = {
  membersById: `SELECT tenant, member_id, first_name, last_name, date_of_birth::text FROM target_members
    WHERE tenant = ANY($1::text[]) AND member_id >= $2 AND member_id < $3 AND starts_with(member_id, $2) AND NOT deleted
    ORDER BY length(member_id), member_id LIMIT $4`,
  claimsById: `SELECT c.tenant, c.member_id, c.claim_id, m.first_name, m.last_name, m.date_of_birth::text FROM target_claims c
    LEFT JOIN target_members m ON m.tenant = c.tenant AND m.member_id = c.member_id
    WHERE c.tenant = ANY($1::text[]) AND c.claim_id >= $2 AND c.claim_id < $3 AND starts_with(c.claim_id, $2)
    ORDER BY length(c.claim_id), c.claim_id LIMIT $4`,
  claimInTrail: `SELECT DISTINCT ON (tenant) tenant, member_id, $3::text AS claim_id FROM event_trail
    WHERE tenant = ANY($1::text[]) AND entity_ref = $2 AND member_id IS NOT NULL ORDER BY tenant, processed_at DESC`,
  membersByName: `SELECT tenant, member_id, first_name, last_name, date_of_birth::text FROM target_members
    WHERE tenant = ANY($1::text[]) AND last_name >= $2 AND last_name < $3 AND starts_with(last_name, $2)
      AND ($4::text IS NULL OR starts_with(first_name, $4)) AND ($5::date IS NULL OR date_of_birth = $5::date) AND NOT deleted
    ORDER BY last_name, first_name, member_id LIMIT $6`,
  member: `SELECT tenant, member_id, first_name, last_name, date_of_birth::text, address_line, city, state, postal_code, plan_id,
      status, source_version::text, ${TS("source_ts")} AS source_ts, ${TS("applied_at")} AS applied_at, deleted
    FROM target_members WHERE tenant = ${TENANT_KEY} AND member_id = $2`,
  claims: `SELECT claim_id, drug_name, pharmacy_id, status, fill_date::text, amount_paid::text, source_version::text,
      ${TS("source_ts")} AS source_ts, ${TS("applied_at")} AS applied_at, deleted
    FROM target_claims WHERE tenant = ${TENANT_KEY} AND member_id = $2 ORDER BY fill_date DESC NULLS LAST, claim_id LIMIT 500`,
  trail: `SELECT entity_ref, stage, topic, "partition", "offset"::text AS "offset", ${TS("source_ts")} AS "sourceTs",
      ${TS("processed_at")} AS "processedAt", outcome, error
    FROM event_trail WHERE tenant = ${TENANT_KEY} AND member_id = $2 AND processed_at > now() - make_interval(days => $3)
    ORDER BY processed_at DESC LIMIT 1000`,
  recentFailures: `SELECT tenant, member_id, substr(entity_ref, 7) AS claim_id, error, ${TS("processed_at")} AS at FROM event_trail
    WHERE tenant = ANY($1::text[]) AND stage = ANY($2::text[]) AND processed_at > now() - interval '1 day'
      AND outcome = 'dead_lettered' AND member_id IS NOT NULL AND entity_ref LIKE 'claim:%'
    ORDER BY processed_at DESC LIMIT $3`,
} as const;

/**
 * The member lookup in one statement and one round trip: the member, their claims and their recent
 * trail as JSON. Each part is its indexed query above ($1 tenant, $2 member id, $3 trail days).
 * Named, so each connection plans it once: planning it took as long as running it.
 */
export const MEMBER_LOOKUP = namedStatement(
  "member_lookup",
  `SELECT (SELECT row_to_json(m) FROM (${SQL.member}) m) AS member,
  (SELECT coalesce(json_agg(c), '[]'::json) FROM (${SQL.claims}) c) AS claims,
  (SELECT coalesce(json_agg(t), '[]'::json) FROM (${SQL.trail}) t) AS trail`,
);

export type RecentFailure = { tenant: string; memberId: string; claimId: string; error: string | null; at: string };

/** Claims dead-lettered in the last day in these tenants, newest first: where a person starts looking. */
export async function recentFailures(sql: Sql, tenants: readonly string[], limit = 8): Promise<RecentFailure[]> {
  if (tenants.length === 0) return [];
  const rows = await sql<{ tenant: string; member_id: string; claim_id: string; error: string | null; at: string }>(
    SQL.recentFailures,
    [tenants, ["cdc-processor", "update-processor", "retry-processor"], limit],
  );
  return rows.map((r) => ({ tenant: r.tenant, memberId: r.member_id, claimId: r.claim_id, error: r.error, at: r.at }));
}

export const SUGGESTION_LIMIT = 10;

type SuggestionRow = {
  tenant: string;
  member_id: string;
  claim_id?: string;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
};
const toSuggestion = (r: SuggestionRow): Suggestion => ({
  tenant: r.tenant,
  memberId: r.member_id,
  claimId: r.claim_id ?? null,
  firstName: r.first_name,
  lastName: r.last_name,
  dateOfBirth: r.date_of_birth,
});

export async function searchTarget(
  sql: Sql,
  tenants: readonly string[],
  query: SearchQuery,
  limit = SUGGESTION_LIMIT,
): Promise<Suggestion[]> {
  if (tenants.length === 0) return [];
  if (query.kind === "name") {
    const rows = await sql<SuggestionRow>(SQL.membersByName, [
      tenants,
      query.lastName,
      upper(query.lastName),
      query.firstName,
      query.dateOfBirth,
      limit,
    ]);
    return rows.map(toSuggestion);
  }
  const [members, claims] = await Promise.all([
    query.memberPrefix
      ? sql<SuggestionRow>(SQL.membersById, [tenants, query.memberPrefix, upper(query.memberPrefix), limit])
      : [],
    query.claimPrefix
      ? sql<SuggestionRow>(SQL.claimsById, [tenants, query.claimPrefix, upper(query.claimPrefix), limit])
      : [],
  ]);
  // A claim that never reached the target (it failed on the way) is still known to the trail.
  const exactClaim =
    query.claimPrefix && !claims.some((c) => c.claim_id === query.claimPrefix)
      ? await sql<SuggestionRow>(SQL.claimInTrail, [tenants, `claim:${query.claimPrefix}`, query.claimPrefix])
      : [];
  return [...members, ...exactClaim, ...claims].slice(0, limit).map(toSuggestion);
}

export type MemberRecords = { member: MemberRow | null; claims: ClaimRow[]; trail: TrailRow[] };

/** The member-lookup read: the member, their claims and their recent trail, one statement. */
export async function loadMemberRecords(
  sql: Sql,
  tenant: string,
  memberId: string,
  trailDays = 7,
): Promise<MemberRecords> {
  const [row] = await sql<MemberRecords>(MEMBER_LOOKUP, [tenant, memberId, trailDays]);
  return { member: row?.member ?? null, claims: row?.claims ?? [], trail: row?.trail ?? [] };
}
