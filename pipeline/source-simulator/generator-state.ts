/**
 * What the generator remembers so that its changes make sense: the members, how many claims each
 * has, and the open claims (pending ones can change status, paid ones can be reversed). Memory stays
 * flat: only the latest paid claims are kept as reversal candidates.
 */
import type { Rng } from "./rng";

/** Members and open claims the generator may change; `loadState` (source-writer.ts) rebuilds it from a source database. */
export interface GeneratorState {
  nextMemberSeq: number;
  nextClaimSeq: number;
  members: RandomSet;
  claimsPerMember: Map<string, number>;
  pendingClaims: RandomSet;
  paidClaims: RandomSet;
  /** Open claims' member and billed amount (a paid amount never exceeds what was billed). */
  claims: Map<string, { memberId: string; billed: number }>;
}

const FIRST_MEMBER_SEQ = 100_000;
const FIRST_CLAIM_SEQ = 1_000_000;
/** Paid claims kept as reversal candidates; older ones are forgotten so memory stays flat. */
const MAX_PAID_REMEMBERED = 10_000;

export function emptyState(): GeneratorState {
  return {
    nextMemberSeq: FIRST_MEMBER_SEQ,
    nextClaimSeq: FIRST_CLAIM_SEQ,
    members: new RandomSet(),
    claimsPerMember: new Map(),
    pendingClaims: new RandomSet(),
    paidClaims: new RandomSet(),
    claims: new Map(),
  };
}

export const memberId = (seq: number) => `M${seq}`;
export const claimId = (seq: number) => `C-${seq}`;

export function rememberPaid(state: GeneratorState, id: string, rng: Rng): void {
  state.paidClaims.add(id);
  if (state.paidClaims.size > MAX_PAID_REMEMBERED) forgetClaim(state, state.paidClaims.pick(rng)!, false);
}

/** Stops tracking a claim; `deleted` also takes it off its member's count (the row is gone). */
export function forgetClaim(state: GeneratorState, id: string, deleted: boolean): void {
  const member = state.claims.get(id)?.memberId;
  state.pendingClaims.delete(id);
  state.paidClaims.delete(id);
  state.claims.delete(id);
  if (deleted && member !== undefined)
    state.claimsPerMember.set(member, Math.max(0, (state.claimsPerMember.get(member) ?? 1) - 1));
}

/** A set with O(1) add, delete and uniform random pick (array + index, swap-remove). */
export class RandomSet {
  private readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(item: string): boolean {
    return this.index.has(item);
  }

  add(item: string): void {
    if (this.index.has(item)) return;
    this.index.set(item, this.items.length);
    this.items.push(item);
  }

  delete(item: string): void {
    const at = this.index.get(item);
    if (at === undefined) return;
    const last = this.items.pop()!;
    this.index.delete(item);
    if (last !== item) {
      this.items[at] = last;
      this.index.set(last, at);
    }
  }

  pick(rng: Rng): string | undefined {
    return this.items.length === 0 ? undefined : this.items[Math.floor(rng() * this.items.length)];
  }
}
