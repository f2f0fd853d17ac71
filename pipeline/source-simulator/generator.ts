/**
 * What the source simulator writes: a pure, seeded stream of source changes (RNG and clock
 * injected, so a seed always yields the same stream). The generator keeps just enough state to
 * make changes that make sense — claims for existing members, status changes of pending claims,
 * reversals of paid ones — and, on request, faults the pipeline must survive.
 *
 * Rows use the source tables' column names (pipeline/shared/source-schema.sql).
 */
import { CITIES, DRUGS, FIRST_NAMES, LAST_NAMES, PHARMACY_IDS, PLAN_IDS, STREETS, STREET_SUFFIXES } from "./reference-data";

/** Uniform in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MemberRow {
  member_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  address_line: string;
  city: string;
  state: string;
  postal_code: string;
  plan_id: string;
  status: string;
}

export interface ClaimRow {
  claim_id: string;
  member_id: string;
  ndc: string;
  drug_name: string;
  pharmacy_id: string;
  quantity: number;
  days_supply: number;
  amount_billed: string;
  amount_paid: string;
  status: string;
  fill_date: string;
}

export type MemberAddress = Pick<MemberRow, "address_line" | "city" | "state" | "postal_code">;

export const OPERATION_KINDS = ["new-member", "new-claim", "claim-status", "claim-reversal", "member-address", "delete"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type OperationMix = Record<OperationKind, number>;

/** Relative weights; deletes are rare, as in a real claims system. */
export const DEFAULT_MIX: OperationMix = {
  "new-member": 0.08,
  "new-claim": 0.4,
  "claim-status": 0.35,
  "claim-reversal": 0.07,
  "member-address": 0.08,
  delete: 0.02,
};

/** Each breaks one rule of lib/contract/canonical-update.ts, except unknown-member (a valid row, a dangling reference). */
export const FAULTS = ["malformed-ndc", "unknown-claim-status", "unknown-member", "malformed-member-state"] as const;
export type Fault = (typeof FAULTS)[number];

interface ChangeBase {
  /** Primary key of the changed row. */
  id: string;
  memberId: string;
  fault?: Fault;
}

export type SourceChange =
  | (ChangeBase & { kind: "new-member"; table: "members"; op: "insert"; row: MemberRow })
  | (ChangeBase & { kind: "new-claim"; table: "claims"; op: "insert"; row: ClaimRow })
  | (ChangeBase & { kind: "claim-status" | "claim-reversal"; table: "claims"; op: "update"; set: Pick<ClaimRow, "status" | "amount_paid"> })
  | (ChangeBase & { kind: "member-address"; table: "members"; op: "update"; set: MemberAddress })
  | (ChangeBase & { kind: "delete"; table: "members" | "claims"; op: "delete" });

/** Members and open claims the generator may change; `seedState` rebuilds it from a source database. */
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

export interface GeneratorOptions {
  rng: Rng;
  now: () => Date;
  mix?: Partial<OperationMix>;
  /** Fraction of changes that are faults, 0..1. */
  faultRate?: number;
  state?: GeneratorState;
}

const FIRST_MEMBER_SEQ = 100_000;
const FIRST_CLAIM_SEQ = 1_000_000;
/** Ids of members that never exist: the normal sequence stays far below. */
const UNKNOWN_MEMBER_BASE = 90_000_000;
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

export function createGenerator(options: GeneratorOptions): { next(): SourceChange; state: GeneratorState } {
  const { rng, now } = options;
  const mix = { ...DEFAULT_MIX, ...options.mix };
  const faultRate = options.faultRate ?? 0;
  const state = options.state ?? emptyState();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

  function next(): SourceChange {
    if (faultRate > 0 && rng() < faultRate) return fault(pick(FAULTS));
    return operation(chooseKind(mix, rng));
  }

  function operation(kind: OperationKind): SourceChange {
    if (kind === "new-member" || state.members.size === 0) return newMember();
    if (kind === "claim-status" && state.pendingClaims.size > 0) return claimStatus();
    if (kind === "claim-reversal" && state.paidClaims.size > 0) return reversal();
    if (kind === "member-address") return addressChange();
    if (kind === "delete") return deletion();
    return newClaim();
  }

  function newMember(): Extract<SourceChange, { kind: "new-member" }> {
    const id = memberId(state.nextMemberSeq++);
    const today = now();
    const birthYear = today.getUTCFullYear() - between(1, 90);
    const row: MemberRow = {
      member_id: id,
      first_name: pick(FIRST_NAMES),
      last_name: pick(LAST_NAMES),
      date_of_birth: `${birthYear}-${pad(between(1, 12))}-${pad(between(1, 28))}`,
      ...address(),
      plan_id: pick(PLAN_IDS),
      status: "ACTIVE",
    };
    state.members.add(id);
    state.claimsPerMember.set(id, 0);
    return { kind: "new-member", table: "members", op: "insert", id, memberId: id, row };
  }

  function address(): MemberAddress {
    const place = pick(CITIES);
    return {
      address_line: `${between(1, 9899)} ${pick(STREETS)} ${pick(STREET_SUFFIXES)}`,
      city: place.city,
      state: place.state,
      postal_code: `${place.zip3}${pad(between(0, 99))}`,
    };
  }

  function claimRow(member: string): ClaimRow {
    const drug = pick(DRUGS);
    const quantity = drug.quantity * between(1, 3);
    const fill = new Date(now().getTime() - between(0, 3) * 86_400_000);
    // Ingredient cost with a markup, plus a dispensing fee.
    const billed = quantity * drug.unitPrice * (1 + rng() * 0.3) + 1.5 + rng() * 10;
    return {
      claim_id: claimId(state.nextClaimSeq++),
      member_id: member,
      ndc: drug.ndc,
      drug_name: drug.name,
      pharmacy_id: pick(PHARMACY_IDS),
      quantity,
      days_supply: drug.daysSupply * (quantity / drug.quantity),
      amount_billed: billed.toFixed(2),
      amount_paid: "0.00",
      status: "PENDING",
      fill_date: fill.toISOString().slice(0, 10),
    };
  }

  function newClaim(): Extract<SourceChange, { kind: "new-claim" }> {
    const member = state.members.pick(rng)!;
    const row = claimRow(member);
    state.pendingClaims.add(row.claim_id);
    state.claims.set(row.claim_id, { memberId: member, billed: Number(row.amount_billed) });
    state.claimsPerMember.set(member, (state.claimsPerMember.get(member) ?? 0) + 1);
    return { kind: "new-claim", table: "claims", op: "insert", id: row.claim_id, memberId: member, row };
  }

  /** PENDING → PAID (most) or REJECTED; the paid amount is what the plan covers. */
  function claimStatus(): SourceChange {
    const id = state.pendingClaims.pick(rng)!;
    state.pendingClaims.delete(id);
    const claim = state.claims.get(id)!;
    const paid = rng() < 0.85;
    if (paid) rememberPaid(id);
    // The plan pays most of the billed amount; the member's copay is the rest.
    const set = { status: paid ? "PAID" : "REJECTED", amount_paid: paid ? (claim.billed * (0.6 + rng() * 0.35)).toFixed(2) : "0.00" };
    return { kind: "claim-status", table: "claims", op: "update", id, memberId: claim.memberId, set };
  }

  function rememberPaid(id: string): void {
    state.paidClaims.add(id);
    if (state.paidClaims.size > MAX_PAID_REMEMBERED) forgetClaim(state.paidClaims.pick(rng)!, false);
  }

  function reversal(): SourceChange {
    const id = state.paidClaims.pick(rng)!;
    const member = state.claims.get(id)!.memberId;
    forgetClaim(id, false);
    return { kind: "claim-reversal", table: "claims", op: "update", id, memberId: member, set: { status: "REVERSED", amount_paid: "0.00" } };
  }

  /** Stops tracking a claim; `deleted` also takes it off its member's count (the row is gone). */
  function forgetClaim(id: string, deleted: boolean): void {
    const member = state.claims.get(id)?.memberId;
    state.pendingClaims.delete(id);
    state.paidClaims.delete(id);
    state.claims.delete(id);
    if (deleted && member !== undefined) state.claimsPerMember.set(member, Math.max(0, (state.claimsPerMember.get(member) ?? 1) - 1));
  }

  function addressChange(): SourceChange {
    const id = state.members.pick(rng)!;
    return { kind: "member-address", table: "members", op: "update", id, memberId: id, set: address() };
  }

  /** Mostly a claim entered in error; a member only when they have no claims (no orphans by our hand). */
  function deletion(): SourceChange {
    const member = state.members.pick(rng)!;
    if ((state.claimsPerMember.get(member) ?? 0) === 0 && state.members.size > 1) {
      state.members.delete(member);
      state.claimsPerMember.delete(member);
      return { kind: "delete", table: "members", op: "delete", id: member, memberId: member };
    }
    const open = state.pendingClaims.size > 0 ? state.pendingClaims : state.paidClaims;
    const id = open.pick(rng);
    if (id === undefined) return newClaim();
    const owner = state.claims.get(id)!.memberId;
    forgetClaim(id, true);
    return { kind: "delete", table: "claims", op: "delete", id, memberId: owner };
  }

  /** A fault row is never tracked: later changes only touch rows the pipeline can apply. */
  function fault(kind: Fault): SourceChange {
    if (kind === "malformed-member-state") {
      const change = newMember();
      state.members.delete(change.id);
      state.claimsPerMember.delete(change.id);
      // A city where the two-letter state belongs.
      return { ...change, row: { ...change.row, state: change.row.city.toUpperCase() }, fault: kind };
    }
    const member = kind === "unknown-member" ? memberId(UNKNOWN_MEMBER_BASE + between(0, 9_999_999)) : state.members.pick(rng);
    if (member === undefined) return newMember(); // nobody to file a claim for yet
    const row = claimRow(member);
    // Counted, so the member is never deleted from under the faulty claim.
    if (state.claimsPerMember.has(member)) state.claimsPerMember.set(member, state.claimsPerMember.get(member)! + 1);
    if (kind === "malformed-ndc") row.ndc = `${row.ndc.slice(0, 5)}${lettersOf(4)}${row.ndc.slice(9)}`;
    if (kind === "unknown-claim-status") row.status = pick(["ON_HOLD", "PAYED", "pending", "VOID"]);
    return { kind: "new-claim", table: "claims", op: "insert", id: row.claim_id, memberId: member, row, fault: kind };
  }

  function lettersOf(count: number): string {
    return Array.from({ length: count }, () => String.fromCharCode(65 + Math.floor(rng() * 26))).join("");
  }

  return { next, state };
}

function chooseKind(mix: OperationMix, rng: Rng): OperationKind {
  const total = OPERATION_KINDS.reduce((sum, kind) => sum + Math.max(0, mix[kind]), 0);
  let point = rng() * total;
  for (const kind of OPERATION_KINDS) {
    point -= Math.max(0, mix[kind]);
    if (point < 0) return kind;
  }
  return "new-claim";
}

const pad = (n: number) => String(n).padStart(2, "0");

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
