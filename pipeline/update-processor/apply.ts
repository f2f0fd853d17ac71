/**
 * Runs a batch plan against the target: one multi-row upsert per entity type (unnest of column
 * arrays: one round trip however large the batch), the UnknownMember check, and the event-trail
 * rows — all in one statement (apply-statement.ts), or, when the target rejects a row, in a
 * transaction that isolates it. The version guard `WHERE t.source_lsn < EXCLUDED.source_lsn` makes the
 * apply idempotent: a replayed, duplicated or older change leaves the row as it is.
 */
import type pg from "pg";
import { entityRef, type CanonicalUpdate } from "@/lib/contract/canonical-update";
import { TENANT_KEY } from "@/lib/pg/tenant-key";
import { appendTrail, type TrailRow } from "../shared/event-trail";
import { classifyApplyError, isolateRejected, rejectedRoute, rejectionReason } from "./isolate";
import { claimColumns, memberColumns, type BatchPlan, type DecodedUpdate } from "./plan";
import { claimRows, upsertClaims, upsertMembers } from "./target-sql";
import { applyInOneStatement } from "./apply-statement";

export const STAGE = "update-processor";

const UPSERT_MEMBERS = `${upsertMembers(2)}
  RETURNING t.member_id AS id`;

const UPSERT_CLAIMS = `${upsertClaims(claimRows(2))}
  RETURNING t.claim_id AS id`;

export type UpdateItem = Extract<DecodedUpdate, { kind: "update" }>;

export interface ApplyResult {
  applied: number;
  /** source commit time of each applied update (source-to-target latency) */
  appliedSourceTsMs: number[];
  skippedStale: number;
  /** claims whose member the target does not know (yet): to the retry topic */
  unknownMember: UpdateItem[];
  /** updates the target rejected (isolate.ts), each with the database's error */
  rejected: Array<{ item: UpdateItem; error: unknown }>;
}

/** What the upserts of some of a plan's updates did. */
interface Upserted {
  applied: string[];
  waiting: CanonicalUpdate[];
}

/** Upsert claims only for members the target has (a tombstoned member counts: it existed). */
export function splitByKnownMember(claims: readonly CanonicalUpdate[], known: ReadonlySet<string>) {
  const ready = claims.filter((c) => c.op === "delete" || known.has(c.memberId));
  const waiting = claims.filter((c) => c.op === "upsert" && !known.has(c.memberId));
  return { ready, waiting };
}

/**
 * One statement for the whole plan. If the target rejects a row (isolate.ts), nothing of it stays
 * and a transaction bisects the plan under savepoints: the rejected updates are reported, the rest
 * applied — still in one commit with its trail rows. A clean batch pays nothing for that.
 */
export async function applyPlan(client: pg.PoolClient, tenant: string, plan: BatchPlan): Promise<ApplyResult> {
  const updates = [...plan.members, ...plan.claims]; // members first: their claims check for them
  try {
    const done = await applyInOneStatement(client, tenant, STAGE, plan, undecidedTrail(plan));
    const waiting = new Set(done.waiting);
    const upserted = { applied: done.applied, waiting: plan.claims.filter((c) => waiting.has(entityRef(c))) };
    return summarize(plan, upserted, []).result;
  } catch (error) {
    if (classifyApplyError(error) !== "row") throw error;
  }
  return inTransaction(client, async () => {
    const isolated = await isolateRejected(
      updates,
      (subset) => withSavepoint(client, () => upsertUpdates(client, tenant, subset)),
      { wholeFailed: true },
    );
    const upserted = {
      applied: isolated.results.flatMap((r) => r.applied),
      waiting: isolated.results.flatMap((r) => r.waiting),
    };
    const rejected = isolated.rejected.map(({ item, error }) => ({ item: plan.newest.get(entityRef(item))!, error }));
    return finishPlan(client, tenant, plan, upserted, rejected);
  });
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

async function withSavepoint<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("SAVEPOINT isolate");
  try {
    const result = await work();
    await client.query("RELEASE SAVEPOINT isolate");
    return result;
  } catch (error) {
    // Only a row error is bisected further; after any other the transaction is abandoned anyway.
    if (classifyApplyError(error) === "row") await client.query("ROLLBACK TO SAVEPOINT isolate");
    throw error;
  }
}

async function upsertUpdates(
  client: pg.PoolClient,
  tenant: string,
  updates: readonly CanonicalUpdate[],
): Promise<Upserted> {
  const members = updates.filter((u) => u.entity === "member");
  const claims = updates.filter((u) => u.entity === "claim");
  const appliedMembers = members.length
    ? await client.query<{ id: string }>(UPSERT_MEMBERS, [tenant, ...memberColumns(members)])
    : { rows: [] };
  const claimMemberIds = [...new Set(claims.filter((c) => c.op === "upsert").map((c) => c.memberId))];
  const known = claimMemberIds.length
    ? await client.query<{ member_id: string }>(
        `SELECT member_id FROM target_members WHERE tenant = ${TENANT_KEY} AND member_id = ANY($2::text[])`,
        [tenant, claimMemberIds],
      )
    : { rows: [] };
  const { ready, waiting } = splitByKnownMember(claims, new Set(known.rows.map((r) => r.member_id)));
  const appliedClaims = ready.length
    ? await client.query<{ id: string }>(UPSERT_CLAIMS, [tenant, ...claimColumns(ready)])
    : { rows: [] };
  return {
    applied: [...appliedMembers.rows.map((r) => `member:${r.id}`), ...appliedClaims.rows.map((r) => `claim:${r.id}`)],
    waiting,
  };
}

async function finishPlan(
  client: pg.PoolClient,
  tenant: string,
  plan: BatchPlan,
  upserted: Upserted,
  rejected: ApplyResult["rejected"],
): Promise<ApplyResult> {
  const { rows, result } = summarize(plan, upserted, rejected);
  await appendTrail(client, tenant, STAGE, rows);
  return result;
}

/** The trail rows of what the upserts did, and the batch's result. */
function summarize(
  plan: BatchPlan,
  upserted: Upserted,
  rejected: ApplyResult["rejected"],
): { rows: TrailRow[]; result: ApplyResult } {
  const applied = new Set(upserted.applied);
  const unknownMember = upserted.waiting.map((c) => plan.newest.get(entityRef(c))!);
  const rows = trailRows(plan, applied, new Set(upserted.waiting.map(entityRef)), rejected);
  const skippedStale = rows.filter((r) => r.outcome === "skipped_stale").length;
  const appliedSourceTsMs = rows.flatMap((r) =>
    r.outcome === "applied" && r.sourceTsMs !== null ? [r.sourceTsMs] : [],
  );
  return { rows, result: { applied: applied.size, appliedSourceTsMs, skippedStale, unknownMember, rejected } };
}

/**
 * The trail rows before anything is applied, for the one-statement apply: trailRows puts each
 * entity's newest change first, and those rows' outcomes the statement decides.
 */
export function undecidedTrail(plan: BatchPlan): { rows: TrailRow[]; decide: boolean[] } {
  const rows = trailRows(plan, new Set(), new Set());
  return { rows, decide: rows.map((_, i) => i < plan.newest.size) };
}

/** One trail row per consumed message: what became of it. */
export function trailRows(
  plan: BatchPlan,
  applied: ReadonlySet<string>,
  retried: ReadonlySet<string>,
  rejected: ApplyResult["rejected"] = [],
): TrailRow[] {
  const rejectedBy = new Map(rejected.map((r) => [entityRef(r.item.update), r.error]));
  const row = (
    item: UpdateItem,
    outcome: TrailRow["outcome"],
    error: string | null,
    ref = entityRef(item.update),
  ): TrailRow => ({
    entityRef: ref,
    memberId: item.update.memberId,
    topic: item.ref.topic,
    partition: item.ref.partition,
    offset: item.ref.offset,
    sourceLsn: item.update.sourceLsn,
    sourceTsMs: item.update.sourceTsMs,
    outcome,
    error,
  });
  const rows: TrailRow[] = [];
  for (const [ref, item] of plan.newest) {
    if (applied.has(ref)) rows.push(row(item, "applied", null, ref));
    else if (retried.has(ref))
      rows.push(row(item, "retried", `UnknownMember: member ${item.update.memberId} is not in the target yet`));
    else if (rejectedBy.has(ref)) {
      const error = rejectedBy.get(ref);
      const { errorClass, errorMessage } = rejectionReason(error);
      rows.push(
        row(item, rejectedRoute(error) === "retry" ? "retried" : "dead_lettered", `${errorClass}: ${errorMessage}`),
      );
    } else rows.push(row(item, "skipped_stale", null, ref));
  }
  for (const item of plan.superseded) rows.push(row(item, "skipped_stale", null));
  for (const item of plan.fatal) {
    if (!item.entity) continue; // undecodable: the DLQ has it, with no entity to index it by
    rows.push({
      entityRef: item.entity,
      memberId: null,
      topic: item.ref.topic,
      partition: item.ref.partition,
      offset: item.ref.offset,
      sourceLsn: null,
      sourceTsMs: null,
      outcome: "dead_lettered",
      error: `${item.errorClass}: ${item.errorMessage}`,
    });
  }
  return rows;
}
