/**
 * A batch plan applied in one statement: the member upserts, the UnknownMember check, the claim
 * upserts and the event-trail rows as data-modifying CTEs of a single WITH … SELECT. A statement
 * is atomic on its own, so this needs no BEGIN and COMMIT: one round trip for the whole batch where
 * the transaction took four or five (each a socket write and a wake-up on both sides — for a
 * pool's light tenants, whose batches are one message, most of their cost). If the target rejects
 * a row, nothing of the statement stays and apply.ts isolates the row in a transaction as before.
 *
 * It decides what the transaction decided: a claim upsert needs its member in the target, already
 * there or in this batch (every sub-statement sees the snapshot from before the statement, so a
 * member the batch itself creates is counted from the batch's members); the trail row of each
 * entity's newest change says applied, retried (member unknown) or skipped_stale, as trailRows does.
 */
import type pg from "pg";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { TENANT_KEY } from "@/lib/pg/tenant-key";
import { sourceTs, TRAIL_UNNEST_TYPES, trailColumns, type TrailRow } from "../shared/event-trail";
import { claimColumns, memberColumns } from "./plan";
import { CLAIM_PARAMS, claimRows, MEMBER_PARAMS, upsertClaims, upsertMembers } from "./target-sql";

// $1 tenant, $2 stage, then the members', claims' and trail rows' column arrays (the claims' second
// is their member ids), then which trail rows are an entity's newest change (their outcome is decided here)
const M = 3;
const C = M + MEMBER_PARAMS;
const T = C + CLAIM_PARAMS;
const D = T + TRAIL_UNNEST_TYPES.length;
const trailParams = TRAIL_UNNEST_TYPES.map((type, i) => `$${i + T}::${type}`).join(", ");

const APPLY = `
WITH m AS (${upsertMembers(M)}
  RETURNING 'member:' || t.member_id AS ref
), claims AS (
  SELECT u.* FROM ${claimRows(C)}
), known AS (
  SELECT member_id FROM target_members
  WHERE tenant = ${TENANT_KEY} AND member_id = ANY($${C + 1}::text[])
  UNION
  SELECT unnest($${M}::text[])
), c AS (${upsertClaims("claims u WHERE u.deleted OR EXISTS (SELECT 1 FROM known k WHERE k.member_id = u.member_id)")}
  RETURNING 'claim:' || t.claim_id AS ref
), waiting AS (
  SELECT 'claim:' || u.claim_id AS ref FROM claims u
  WHERE NOT u.deleted AND NOT EXISTS (SELECT 1 FROM known k WHERE k.member_id = u.member_id)
), done AS (
  SELECT ref FROM m UNION ALL SELECT ref FROM c
), trail AS (
  SELECT r.*,
    CASE WHEN NOT r.decide THEN r.outcome
      WHEN r.entity_ref IN (SELECT ref FROM done) THEN 'applied'
      WHEN r.entity_ref IN (SELECT ref FROM waiting) THEN 'retried'
      ELSE 'skipped_stale' END AS decided
  FROM unnest(${trailParams}, $${D}::boolean[])
    AS r(entity_ref, member_id, topic, "partition", "offset", source_lsn, source_ts_ms, outcome, error, decide)
), written AS (
  INSERT INTO event_trail (tenant, stage, entity_ref, member_id, topic, "partition", "offset", source_lsn, source_ts,
    outcome, error)
  SELECT $1, $2, entity_ref, member_id, topic, "partition", "offset", source_lsn, ${sourceTs("source_ts_ms")}, decided,
    CASE WHEN decide AND decided = 'retried' THEN 'UnknownMember: member ' || member_id || ' is not in the target yet'
      ELSE error END
  FROM trail
)
SELECT ref, true AS applied FROM done
UNION ALL
SELECT ref, false FROM waiting`;

/** batches of up to this many messages use the named statement */
const NAMED_UP_TO = 100;

export interface StatementResult {
  /** entity refs the upserts changed */
  applied: string[];
  /** refs of claims whose member the target does not know (yet) */
  waiting: string[];
}

/**
 * Applies `members` and `claims` and writes `trail` in one statement. `trail.rows` is trailRows'
 * answer for nothing applied yet; a row whose `trail.decide` entry is true (an entity's newest
 * change) gets its outcome from what the statement did.
 */
export async function applyInOneStatement(
  client: Pick<pg.PoolClient, "query">,
  tenant: string,
  stage: string,
  updates: { members: readonly CanonicalUpdate[]; claims: readonly CanonicalUpdate[] },
  trail: { rows: readonly TrailRow[]; decide: readonly boolean[] },
): Promise<StatementResult> {
  const { rows } = await client.query<{ ref: string; applied: boolean }>({
    // A small batch runs it named: each connection parses it once and Postgres keeps a plan
    // (planning it cost more than running it: 1.5 ms against 0.6 ms per one-row batch, measured).
    // A large one unnamed: planned for its own row counts, not a kept plan made for small ones.
    name: trail.rows.length <= NAMED_UP_TO ? "syncdeck-apply-batch" : undefined,
    text: APPLY,
    values: [
      tenant,
      stage,
      ...memberColumns(updates.members),
      ...claimColumns(updates.claims),
      ...trailColumns(trail.rows),
      trail.decide,
    ],
  });
  return {
    applied: rows.filter((r) => r.applied).map((r) => r.ref),
    waiting: rows.filter((r) => !r.applied).map((r) => r.ref),
  };
}
