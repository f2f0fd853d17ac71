import { describe, expect, it } from "vitest";
import { claimDataSchema, memberDataSchema } from "@/lib/contract/canonical-update";
import {
  createGenerator,
  DEFAULT_MIX,
  OPERATION_KINDS,
  RandomSet,
  seededRng,
  type ClaimRow,
  type MemberRow,
  type SourceChange,
} from "./generator";

const NOW = new Date("2026-11-23T10:00:00Z");

function generate(
  count: number,
  options: { seed?: number; faultRate?: number; mix?: Partial<typeof DEFAULT_MIX> } = {},
): SourceChange[] {
  const generator = createGenerator({
    rng: seededRng(options.seed ?? 7),
    now: () => NOW,
    faultRate: options.faultRate,
    mix: options.mix,
  });
  return Array.from({ length: count }, () => generator.next());
}

/** The row as the cdc-processor will see it (column → field), for the canonical schemas. */
const asMember = (row: MemberRow) => ({
  memberId: row.member_id,
  firstName: row.first_name,
  lastName: row.last_name,
  dateOfBirth: row.date_of_birth,
  addressLine: row.address_line,
  city: row.city,
  state: row.state,
  postalCode: row.postal_code,
  planId: row.plan_id,
  status: row.status,
});
const asClaim = (row: ClaimRow) => ({
  claimId: row.claim_id,
  memberId: row.member_id,
  ndc: row.ndc,
  drugName: row.drug_name,
  pharmacyId: row.pharmacy_id,
  quantity: row.quantity,
  daysSupply: row.days_supply,
  amountBilled: row.amount_billed,
  amountPaid: row.amount_paid,
  status: row.status,
  fillDate: row.fill_date,
});

/** Replays the changes over in-memory tables, as the database would apply them. */
function replay(changes: SourceChange[]) {
  const members = new Map<string, MemberRow>();
  const claims = new Map<string, ClaimRow>();
  for (const change of changes) {
    if (change.op === "insert" && change.table === "members") members.set(change.id, change.row as MemberRow);
    if (change.op === "insert" && change.table === "claims") claims.set(change.id, change.row as ClaimRow);
    if (change.kind === "member-address") members.set(change.id, { ...members.get(change.id)!, ...change.set });
    if (change.kind === "claim-status" || change.kind === "claim-reversal")
      claims.set(change.id, { ...claims.get(change.id)!, ...change.set });
    if (change.op === "delete") (change.table === "members" ? members : claims).delete(change.id);
  }
  return { members, claims };
}

describe("the change generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generate(500, { seed: 42, faultRate: 0.05 })).toEqual(generate(500, { seed: 42, faultRate: 0.05 }));
    expect(generate(50, { seed: 42 })).not.toEqual(generate(50, { seed: 43 }));
  });

  it("follows the configured mix of operations", () => {
    const changes = generate(20_000, { seed: 3 });
    const total = Object.values(DEFAULT_MIX).reduce((sum, weight) => sum + weight, 0);
    for (const kind of OPERATION_KINDS) {
      const share = changes.filter((change) => change.kind === kind).length / changes.length;
      expect(Math.abs(share - DEFAULT_MIX[kind] / total), kind).toBeLessThan(0.015);
    }
  });

  it("honours a custom mix, including one that never deletes", () => {
    const changes = generate(2_000, {
      mix: {
        delete: 0,
        "new-member": 0.5,
        "new-claim": 0.5,
        "claim-status": 0,
        "claim-reversal": 0,
        "member-address": 0,
      },
    });
    expect(changes.some((change) => change.op === "delete" || change.op === "update")).toBe(false);
    const members = changes.filter((change) => change.kind === "new-member").length;
    expect(members / changes.length).toBeGreaterThan(0.45);
    expect(members / changes.length).toBeLessThan(0.55);
  });

  it("writes rows that satisfy the canonical schemas when no faults are asked for", () => {
    const changes = generate(5_000, { seed: 11 });
    const { members, claims } = replay(changes);
    expect(members.size).toBeGreaterThan(100);
    expect(claims.size).toBeGreaterThan(500);
    for (const row of members.values()) expect(memberDataSchema.safeParse(asMember(row)).error?.issues).toBeUndefined();
    for (const row of claims.values()) {
      expect(claimDataSchema.safeParse(asClaim(row)).error?.issues).toBeUndefined();
      expect(members.has(row.member_id), `claim ${row.claim_id} of member ${row.member_id}`).toBe(true);
    }
  });

  it("changes only rows that exist, along the claim life cycle", () => {
    const changes = generate(5_000, { seed: 5 });
    const status = new Map<string, string>();
    const billed = new Map<string, number>();
    const memberIds = new Set<string>();
    for (const change of changes) {
      if (change.kind === "new-member") memberIds.add(change.id);
      if (change.kind === "new-claim") {
        expect(memberIds.has(change.memberId)).toBe(true);
        status.set(change.id, change.row.status);
        billed.set(change.id, Number(change.row.amount_billed));
      }
      if (change.kind === "claim-status") {
        expect(status.get(change.id)).toBe("PENDING");
        expect(["PAID", "REJECTED"]).toContain(change.set.status);
        const paid = Number(change.set.amount_paid);
        if (change.set.status === "PAID") expect(paid > 0 && paid <= billed.get(change.id)!).toBe(true);
        else expect(paid).toBe(0);
        status.set(change.id, change.set.status);
      }
      if (change.kind === "claim-reversal") {
        expect(status.get(change.id)).toBe("PAID");
        status.set(change.id, "REVERSED");
      }
      if (change.kind === "member-address") expect(memberIds.has(change.id)).toBe(true);
      if (change.kind === "delete" && change.table === "claims") expect(status.delete(change.id)).toBe(true);
      if (change.kind === "delete" && change.table === "members") {
        expect(
          [...status.keys()].some(
            (id) => changes.find((c) => c.id === id && c.kind === "new-claim")?.memberId === change.id,
          ),
        ).toBe(false);
        memberIds.delete(change.id);
      }
    }
    expect(changes.filter((change) => change.kind === "claim-reversal").length).toBeGreaterThan(100);
    expect(changes.filter((change) => change.op === "delete").length).toBeGreaterThan(20);
  });

  it("makes faulty rows at the requested rate, each really breaking a rule of the pipeline", () => {
    const changes = generate(10_000, { seed: 9, faultRate: 0.05 });
    const faults = changes.filter((change) => change.fault);
    expect(faults.length / changes.length).toBeGreaterThan(0.04);
    expect(faults.length / changes.length).toBeLessThan(0.06);
    const knownMembers = new Set(
      changes.filter((change) => change.kind === "new-member" && !change.fault).map((change) => change.id),
    );
    const seen = new Set<string>();
    for (const change of faults) {
      seen.add(change.fault!);
      if (change.fault === "malformed-member-state") {
        expect(change.op).toBe("insert");
        const result = memberDataSchema.safeParse(
          asMember((change as Extract<SourceChange, { kind: "new-member" }>).row),
        );
        expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["state"]);
        continue;
      }
      const row = (change as Extract<SourceChange, { kind: "new-claim" }>).row;
      const issues = claimDataSchema.safeParse(asClaim(row)).error?.issues.map((issue) => issue.path.join("."));
      if (change.fault === "malformed-ndc") {
        expect(row.ndc).toMatch(/[A-Z]/);
        expect(issues).toEqual(["ndc"]);
      }
      if (change.fault === "unknown-claim-status") expect(issues).toEqual(["status"]);
      if (change.fault === "unknown-member") {
        expect(issues).toBeUndefined(); // well-formed, but refers to nobody
        expect(knownMembers.has(row.member_id)).toBe(false);
      }
    }
    expect([...seen].sort()).toEqual([
      "malformed-member-state",
      "malformed-ndc",
      "unknown-claim-status",
      "unknown-member",
    ]);
  });

  it("never touches a faulty row again", () => {
    const changes = generate(10_000, { seed: 13, faultRate: 0.1 });
    const faultIds = new Set(changes.filter((change) => change.fault).map((change) => change.id));
    const later = changes.filter((change) => change.op !== "insert" && faultIds.has(change.id));
    expect(later).toEqual([]);
  });

  it("looks like pharmacy data", () => {
    const claims = generate(2_000, { seed: 17 }).flatMap((change) => (change.kind === "new-claim" ? [change.row] : []));
    const drugs = new Set(claims.map((row) => row.drug_name));
    expect(drugs.size).toBeGreaterThan(8);
    for (const row of claims) {
      expect(row.fill_date <= "2026-11-23" && row.fill_date >= "2026-11-20").toBe(true);
      expect(Number(row.amount_billed)).toBeGreaterThan(0);
      expect(row.pharmacy_id).toMatch(/^\d{7}$/);
    }
  });
});

describe("RandomSet", () => {
  it("adds, deletes and picks uniformly among what it holds", () => {
    const set = new RandomSet();
    for (const item of ["a", "b", "c", "d"]) set.add(item);
    set.add("a");
    set.delete("b");
    set.delete("zzz");
    expect(set.size).toBe(3);
    const rng = seededRng(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3_000; i++) {
      const item = set.pick(rng)!;
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["a", "c", "d"]);
    for (const count of counts.values()) expect(count).toBeGreaterThan(900);
    expect(new RandomSet().pick(rng)).toBeUndefined();
  });
});
