/**
 * Realistic updates: new members, address changes, new claims, status changes, reversals,
 * deletions. Keyed by member id; a member's first upsert precedes its claims on its partition.
 * On request, every n-th message is poison.
 */
import type { Message } from "kafkajs";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { tenantTopics } from "@/lib/contract/topics";
import { seededRng, type Rng } from "../../pipeline/source-simulator/generator";
import {
  CITIES,
  DRUGS,
  FIRST_NAMES,
  LAST_NAMES,
  PHARMACY_IDS,
  PLAN_IDS,
  STREETS,
  STREET_SUFFIXES,
} from "../../pipeline/source-simulator/reference-data";

export class Workload {
  private readonly rng: Rng;
  private lsn = 1_000_000_000; // increasing like a WAL position; far below 2^53
  readonly memberLsn: number[] = [];
  private readonly memberVersion: number[] = [];
  readonly claimLsn: number[] = [];
  private readonly claimMember: number[] = [];
  private readonly claimDrug: number[] = [];
  private readonly claimStatus: Array<"PENDING" | "PAID" | "REJECTED" | "REVERSED"> = [];
  private readonly claimVersion: number[] = [];
  readonly claimDeleted: boolean[] = [];
  readonly topics: ReturnType<typeof tenantTopics>;

  /**
   * @param firstMembers how many new members come before the first claim (a tenant's first changes
   *   create members for its claims to refer to)
   */
  constructor(
    readonly tenant: string,
    seed: number,
    private readonly firstMembers = 100,
  ) {
    this.rng = seededRng(seed);
    this.topics = tenantTopics(tenant);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rng() * list.length)]!;
  }

  private provenance(table: "members" | "claims", version: number, tsMs: number) {
    this.lsn += 1 + Math.floor(this.rng() * 40);
    return {
      tenant: this.tenant,
      sourceLsn: String(this.lsn),
      sourceVersion: version,
      sourceTsMs: tsMs,
      cdcTopic: this.topics.cdc(table),
      cdcPartition: 0,
      cdcOffset: String(this.lsn),
    };
  }

  private member(seq: number, tsMs: number): CanonicalUpdate {
    const version = (this.memberVersion[seq] ?? 0) + 1;
    this.memberVersion[seq] = version;
    const id = `M${seq}`;
    const place = this.pick(CITIES);
    const update: CanonicalUpdate = {
      ...this.provenance("members", version, tsMs),
      entity: "member",
      op: "upsert",
      id,
      memberId: id,
      data: {
        memberId: id,
        firstName: this.pick(FIRST_NAMES),
        lastName: this.pick(LAST_NAMES),
        dateOfBirth: `19${40 + (seq % 60)}-${String(1 + (seq % 12)).padStart(2, "0")}-${String(1 + (seq % 28)).padStart(2, "0")}`,
        addressLine: `${1 + Math.floor(this.rng() * 9_000)} ${this.pick(STREETS)} ${this.pick(STREET_SUFFIXES)}`,
        city: place.city,
        state: place.state,
        postalCode: `${place.zip3}${String(Math.floor(this.rng() * 100)).padStart(2, "0")}`,
        planId: PLAN_IDS[seq % PLAN_IDS.length]!,
        status: "ACTIVE",
      },
    };
    this.memberLsn[seq] = Number(update.sourceLsn);
    return update;
  }

  private claim(seq: number, op: "upsert" | "delete", tsMs: number): CanonicalUpdate {
    const version = (this.claimVersion[seq] ?? 0) + 1;
    this.claimVersion[seq] = version;
    const id = `C-${seq}`;
    const memberId = `M${this.claimMember[seq]!}`;
    const drug = DRUGS[this.claimDrug[seq]!]!;
    const billed = drug.quantity * drug.unitPrice * 1.2 + 2.5;
    const status = this.claimStatus[seq]!;
    const update: CanonicalUpdate = {
      ...this.provenance("claims", version, tsMs),
      entity: "claim",
      op,
      id,
      memberId,
      data:
        op === "delete"
          ? null
          : {
              claimId: id,
              memberId,
              ndc: drug.ndc,
              drugName: drug.name,
              pharmacyId: PHARMACY_IDS[seq % PHARMACY_IDS.length]!,
              quantity: drug.quantity,
              daysSupply: drug.daysSupply,
              amountBilled: billed.toFixed(2),
              amountPaid: status === "PAID" || status === "REVERSED" ? (billed * 0.85).toFixed(2) : "0.00",
              status,
              fillDate: `2026-${String(1 + (seq % 11)).padStart(2, "0")}-${String(1 + (seq % 28)).padStart(2, "0")}`,
            },
    };
    this.claimLsn[seq] = Number(update.sourceLsn);
    if (op === "delete") this.claimDeleted[seq] = true;
    return update;
  }

  /** A recent live claim (status changes and reversals happen to recent fills), or undefined. */
  private recentClaim(): number | undefined {
    const n = this.claimLsn.length;
    if (n === 0) return undefined;
    const seq = n - 1 - Math.floor(this.rng() * Math.min(n, 20_000));
    return this.claimDeleted[seq] ? undefined : seq;
  }

  next(tsMs: number): CanonicalUpdate {
    const r = this.rng();
    const members = this.memberLsn.length;
    if (members < this.firstMembers || r < 0.08) return this.member(members, tsMs); // new member
    if (r < 0.12) return this.member(Math.floor(this.rng() * members), tsMs); // address change
    if (r >= 0.62) {
      const seq = this.recentClaim();
      if (seq !== undefined) {
        if (r >= 0.99) return this.claim(seq, "delete", tsMs);
        const current = this.claimStatus[seq]!;
        this.claimStatus[seq] =
          r >= 0.92
            ? "REVERSED"
            : current === "PENDING"
              ? this.rng() < 0.9
                ? "PAID"
                : "REJECTED"
              : current === "PAID"
                ? "REVERSED"
                : "PAID";
        return this.claim(seq, "upsert", tsMs);
      }
    }
    const seq = this.claimLsn.length; // new claim
    this.claimMember[seq] = Math.floor(this.rng() * members);
    this.claimDrug[seq] = Math.floor(this.rng() * DRUGS.length);
    this.claimStatus[seq] = this.rng() < 0.7 ? "PAID" : "PENDING";
    return this.claim(seq, "upsert", tsMs);
  }

  /** Every `poisonEvery`-th message is poison (0 = none), cycling through POISON_KINDS. */
  poisonEvery = 0;
  private sent = 0;
  poisonSent = 0;

  message(tsMs: number): Message {
    if (this.poisonEvery && ++this.sent % this.poisonEvery === 0)
      return poisonMessage(this.tenant, this.poisonSent++, tsMs);
    const update = this.next(tsMs);
    return { key: update.memberId, value: JSON.stringify(update) };
  }
}

/**
 * The poison the update path meets, in equal shares: not JSON, invalid to the schema, another
 * tenant's update, text Postgres cannot store (U+0000), and a claim whose member never arrives (to
 * the retry topic). None touches the workload's entities.
 */
export const POISON_KINDS = ["malformed", "invalid", "wrong-tenant", "nul-in-text", "unknown-member"] as const;

function poisonMessage(tenant: string, n: number, tsMs: number): Message {
  const kind = POISON_KINDS[n % POISON_KINDS.length]!;
  const id = `P${n}`;
  if (kind === "malformed") return { key: id, value: `{"poison ${n}` };
  const provenance = {
    tenant,
    sourceLsn: String(n + 1),
    sourceVersion: 1,
    sourceTsMs: tsMs,
    cdcTopic: `sync.${tenant}.cdc.claims`,
    cdcPartition: 0,
    cdcOffset: "0",
  };
  const member = (city: string, owner = tenant) => ({
    ...provenance,
    tenant: owner,
    entity: "member",
    op: "upsert",
    id,
    memberId: id,
    data: {
      memberId: id,
      firstName: "Poison",
      lastName: "Pill",
      dateOfBirth: "1970-01-01",
      addressLine: "",
      city,
      state: "IL",
      postalCode: "",
      planId: "",
      status: "ACTIVE",
    },
  });
  const claim = (ndc: string) => ({
    ...provenance,
    entity: "claim",
    op: "upsert",
    id: `C-${id}`,
    memberId: id,
    data: {
      claimId: `C-${id}`,
      memberId: id,
      ndc,
      drugName: "X",
      pharmacyId: "PH-1",
      quantity: 1,
      daysSupply: 1,
      amountBilled: "1.00",
      amountPaid: "0.00",
      status: "PAID",
      fillDate: "2026-11-20",
    },
  });
  const value =
    kind === "invalid"
      ? claim("123")
      : kind === "wrong-tenant"
        ? member("x", "someone-else")
        : kind === "nul-in-text"
          ? member("Spring\u0000field")
          : claim("00093715301");
  return { key: id, value: JSON.stringify(value) };
}
