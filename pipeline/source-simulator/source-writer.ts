/**
 * Writes generated changes to a tenant's source database, one small transaction per batch, and
 * rebuilds the generator's state from what the database already holds (a restarted simulator
 * continues the id sequences and keeps changing existing rows).
 */
import type pg from "pg";
import { emptyState, type ClaimRow, type GeneratorState, type MemberRow, type SourceChange } from "./generator";

const KEY_COLUMN = { members: "member_id", claims: "claim_id" } as const;
/** How many existing members and open claims a restart remembers; older ones are simply left alone. */
const STATE_LIMIT = 5_000;

export async function writeBatch(client: pg.Client, changes: readonly SourceChange[]): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const change of changes) await client.query(statement(change));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Column names come from our own row types, never from input; values are always parameters. */
export function statement(change: SourceChange): { text: string; values: unknown[] } {
  const key = KEY_COLUMN[change.table];
  if (change.op === "insert") {
    const row: MemberRow | ClaimRow = change.row;
    const columns = Object.keys(row);
    const placeholders = columns.map((_, i) => `$${i + 1}`);
    return {
      text: `INSERT INTO ${change.table} (${columns.join(", ")}) VALUES (${placeholders.join(", ")})`,
      values: Object.values(row),
    };
  }
  if (change.op === "update") {
    const columns = Object.keys(change.set);
    const assignments = columns.map((column, i) => `${column} = $${i + 1}`);
    return {
      text: `UPDATE ${change.table} SET ${assignments.join(", ")} WHERE ${key} = $${columns.length + 1}`,
      values: [...Object.values(change.set), change.id],
    };
  }
  return { text: `DELETE FROM ${change.table} WHERE ${key} = $1`, values: [change.id] };
}

export async function loadState(client: pg.Client): Promise<GeneratorState> {
  const state = emptyState();
  const sequences = await client.query<{ member_seq: string | null; claim_seq: string | null }>(
    `SELECT (SELECT max(substring(member_id FROM 2)::bigint) FROM members WHERE member_id ~ '^M[0-9]{6,7}$') AS member_seq,
            (SELECT max(substring(claim_id FROM 3)::bigint) FROM claims WHERE claim_id ~ '^C-[0-9]{1,12}$') AS claim_seq`,
  );
  const { member_seq, claim_seq } = sequences.rows[0]!;
  if (member_seq !== null) state.nextMemberSeq = Math.max(state.nextMemberSeq, Number(member_seq) + 1);
  if (claim_seq !== null) state.nextClaimSeq = Math.max(state.nextClaimSeq, Number(claim_seq) + 1);

  // Only well-formed rows: a fault row is never changed again (see the generator).
  const members = await client.query<{ member_id: string; claims: string }>(
    `SELECT m.member_id, (SELECT count(*) FROM claims c WHERE c.member_id = m.member_id) AS claims
       FROM members m WHERE m.member_id ~ '^M[0-9]{6,7}$' AND length(m.state) = 2 ORDER BY m.updated_at DESC LIMIT $1`,
    [STATE_LIMIT],
  );
  for (const row of members.rows) {
    state.members.add(row.member_id);
    state.claimsPerMember.set(row.member_id, Number(row.claims));
  }
  const claims = await client.query<{ claim_id: string; member_id: string; status: string; amount_billed: string }>(
    `SELECT claim_id, member_id, status, amount_billed::text FROM claims
      WHERE status IN ('PENDING', 'PAID') AND ndc ~ '^[0-9]{11}$' AND member_id = ANY($2)
      ORDER BY updated_at DESC LIMIT $1`,
    [STATE_LIMIT, members.rows.map((row) => row.member_id)],
  );
  for (const row of claims.rows) {
    state.claims.set(row.claim_id, { memberId: row.member_id, billed: Number(row.amount_billed) });
    (row.status === "PENDING" ? state.pendingClaims : state.paidClaims).add(row.claim_id);
  }
  return state;
}
