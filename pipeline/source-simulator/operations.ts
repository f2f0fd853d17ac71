/**
 * The changes a source system makes, one function each: a new member, a claim for an existing
 * member, a pending claim paid or rejected, a paid claim reversed, a member's new address, and
 * (rarely) a deletion. Each reads and updates the generator's state.
 */
import { claimId, forgetClaim, memberId, rememberPaid, type GeneratorState } from "./generator-state";
import type { Draw } from "./rng";
import type { ClaimRow, OperationKind, SourceChange } from "./source-change";
import { claimRow, memberAddress, memberRow } from "./source-rows";

export type GeneratorContext = { draw: Draw; state: GeneratorState; now: () => Date };

/** The change of `kind`, or the nearest one that makes sense now (no members yet: a new member). */
export function operation(ctx: GeneratorContext, kind: OperationKind): SourceChange {
  const { state } = ctx;
  if (kind === "new-member" || state.members.size === 0) return newMember(ctx);
  if (kind === "claim-status" && state.pendingClaims.size > 0) return claimStatus(ctx);
  if (kind === "claim-reversal" && state.paidClaims.size > 0) return reversal(ctx);
  if (kind === "member-address") return addressChange(ctx);
  if (kind === "delete") return deletion(ctx);
  return newClaim(ctx);
}

export function newMember({ draw, state, now }: GeneratorContext): Extract<SourceChange, { kind: "new-member" }> {
  const id = memberId(state.nextMemberSeq++);
  const row = memberRow(draw, id, now());
  state.members.add(id);
  state.claimsPerMember.set(id, 0);
  return { kind: "new-member", table: "members", op: "insert", id, memberId: id, row };
}

/** A claim row for `member` with the next claim id. */
export function nextClaimRow({ draw, state, now }: GeneratorContext, member: string): ClaimRow {
  return claimRow(draw, member, now(), () => claimId(state.nextClaimSeq++));
}

export function newClaim(ctx: GeneratorContext): Extract<SourceChange, { kind: "new-claim" }> {
  const { draw, state } = ctx;
  const member = state.members.pick(draw.rng)!;
  const row = nextClaimRow(ctx, member);
  state.pendingClaims.add(row.claim_id);
  state.claims.set(row.claim_id, { memberId: member, billed: Number(row.amount_billed) });
  state.claimsPerMember.set(member, (state.claimsPerMember.get(member) ?? 0) + 1);
  return { kind: "new-claim", table: "claims", op: "insert", id: row.claim_id, memberId: member, row };
}

/** PENDING → PAID (most) or REJECTED; the paid amount is what the plan covers. */
export function claimStatus({ draw, state }: GeneratorContext): SourceChange {
  const id = state.pendingClaims.pick(draw.rng)!;
  state.pendingClaims.delete(id);
  const claim = state.claims.get(id)!;
  const paid = draw.rng() < 0.85;
  if (paid) rememberPaid(state, id, draw.rng);
  // The plan pays most of the billed amount; the member's copay is the rest.
  const set = {
    status: paid ? "PAID" : "REJECTED",
    amount_paid: paid ? (claim.billed * (0.6 + draw.rng() * 0.35)).toFixed(2) : "0.00",
  };
  return { kind: "claim-status", table: "claims", op: "update", id, memberId: claim.memberId, set };
}

export function reversal({ draw, state }: GeneratorContext): SourceChange {
  const id = state.paidClaims.pick(draw.rng)!;
  const member = state.claims.get(id)!.memberId;
  forgetClaim(state, id, false);
  return {
    kind: "claim-reversal",
    table: "claims",
    op: "update",
    id,
    memberId: member,
    set: { status: "REVERSED", amount_paid: "0.00" },
  };
}

export function addressChange({ draw, state }: GeneratorContext): SourceChange {
  const id = state.members.pick(draw.rng)!;
  return { kind: "member-address", table: "members", op: "update", id, memberId: id, set: memberAddress(draw) };
}

/** Mostly a claim entered in error; a member only when they have no claims (no orphans by our hand). */
export function deletion(ctx: GeneratorContext): SourceChange {
  const { draw, state } = ctx;
  const member = state.members.pick(draw.rng)!;
  if ((state.claimsPerMember.get(member) ?? 0) === 0 && state.members.size > 1) {
    state.members.delete(member);
    state.claimsPerMember.delete(member);
    return { kind: "delete", table: "members", op: "delete", id: member, memberId: member };
  }
  const open = state.pendingClaims.size > 0 ? state.pendingClaims : state.paidClaims;
  const id = open.pick(draw.rng);
  if (id === undefined) return newClaim(ctx);
  const owner = state.claims.get(id)!.memberId;
  forgetClaim(state, id, true);
  return { kind: "delete", table: "claims", op: "delete", id, memberId: owner };
}
