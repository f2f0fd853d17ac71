/**
 * Changes the pipeline must survive rather than apply: each breaks one rule of the canonical update
 * (or names a member that never existed). A fault row is never tracked: later changes only touch
 * rows the pipeline can apply.
 */
import { memberId } from "./generator-state";
import { newMember, nextClaimRow, type GeneratorContext } from "./operations";
import type { Fault, SourceChange } from "./source-change";

/** Ids of members that never exist: the normal sequence stays far below. */
const UNKNOWN_MEMBER_BASE = 90_000_000;

export function faultyChange(ctx: GeneratorContext, kind: Fault): SourceChange {
  const { draw, state } = ctx;
  if (kind === "malformed-member-state") {
    const change = newMember(ctx);
    state.members.delete(change.id);
    state.claimsPerMember.delete(change.id);
    // A city where the two-letter state belongs.
    return { ...change, row: { ...change.row, state: change.row.city.toUpperCase() }, fault: kind };
  }
  const member =
    kind === "unknown-member"
      ? memberId(UNKNOWN_MEMBER_BASE + draw.between(0, 9_999_999))
      : state.members.pick(draw.rng);
  if (member === undefined) return newMember(ctx); // nobody to file a claim for yet
  const row = nextClaimRow(ctx, member);
  // Counted, so the member is never deleted from under the faulty claim.
  if (state.claimsPerMember.has(member)) state.claimsPerMember.set(member, state.claimsPerMember.get(member)! + 1);
  if (kind === "malformed-ndc") row.ndc = `${row.ndc.slice(0, 5)}${draw.letters(4)}${row.ndc.slice(9)}`;
  if (kind === "unknown-claim-status") row.status = draw.pick(["ON_HOLD", "PAYED", "pending", "VOID"]);
  return { kind: "new-claim", table: "claims", op: "insert", id: row.claim_id, memberId: member, row, fault: kind };
}
