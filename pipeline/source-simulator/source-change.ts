/**
 * The changes the source simulator makes, as rows of the source tables (their column names:
 * pipeline/shared/source-schema.sql).
 */

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

export const OPERATION_KINDS = [
  "new-member",
  "new-claim",
  "claim-status",
  "claim-reversal",
  "member-address",
  "delete",
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type OperationMix = Record<OperationKind, number>;

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
  | (ChangeBase & {
      kind: "claim-status" | "claim-reversal";
      table: "claims";
      op: "update";
      set: Pick<ClaimRow, "status" | "amount_paid">;
    })
  | (ChangeBase & { kind: "member-address"; table: "members"; op: "update"; set: MemberAddress })
  | (ChangeBase & { kind: "delete"; table: "members" | "claims"; op: "delete" });
