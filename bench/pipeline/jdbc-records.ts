/**
 * The JDBC sink's form of the bench's updates: the same change as a Kafka Connect record with its
 * schema inline (JsonConverter, schemas.enable=true), one topic per target table, keyed by the
 * table's primary key (a struct), the value being the target row itself (the form Debezium's
 * ExtractNewRecordState gives a change). A delete is the row with deleted = true and its data
 * columns null, exactly what the update-processor writes (a soft delete keeps the row's LSN).
 * Pure; jdbc-sink.ts produces and checks them.
 */
import type { Message } from "kafkajs";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";

type FieldType = "string" | "int32" | "int64" | "boolean";
type Field = { field: string; type: FieldType; optional: boolean };

const f = (field: string, type: FieldType, optional = true): Field => ({ field, type, optional });

const MEMBER_KEY = [f("tenant", "string", false), f("member_id", "string", false)];
const CLAIM_KEY = [f("tenant", "string", false), f("claim_id", "string", false)];
/** Decimals, dates, timestamps and LSNs travel as text (the sink's connection casts them: stringtype=unspecified). */
const PROVENANCE = [
  f("source_lsn", "string", false),
  f("source_version", "int64", false),
  f("source_ts", "string", false),
  f("deleted", "boolean", false),
];
const MEMBER_VALUE = [
  ...MEMBER_KEY,
  ...[
    "first_name",
    "last_name",
    "date_of_birth",
    "address_line",
    "city",
    "state",
    "postal_code",
    "plan_id",
    "status",
  ].map((name) => f(name, "string")),
  ...PROVENANCE,
];
const CLAIM_VALUE = [
  ...CLAIM_KEY,
  f("member_id", "string", false),
  f("ndc", "string"),
  f("drug_name", "string"),
  f("pharmacy_id", "string"),
  f("quantity", "int32"),
  f("days_supply", "int32"),
  f("amount_billed", "string"),
  f("amount_paid", "string"),
  f("status", "string"),
  f("fill_date", "string"),
  ...PROVENANCE,
];

const schemaJson = (name: string, fields: Field[]) => JSON.stringify({ type: "struct", name, optional: false, fields });
const SCHEMAS = {
  memberKey: schemaJson("syncdeck.bench.MemberKey", MEMBER_KEY),
  memberValue: schemaJson("syncdeck.bench.Member", MEMBER_VALUE),
  claimKey: schemaJson("syncdeck.bench.ClaimKey", CLAIM_KEY),
  claimValue: schemaJson("syncdeck.bench.Claim", CLAIM_VALUE),
};

/** The schema is the same for every record, so it is serialized once and the payload spliced in. */
const envelope = (schema: string, payload: Record<string, unknown>) =>
  `{"schema":${schema},"payload":${JSON.stringify(payload)}}`;

export interface SinkTopics {
  members: string;
  claims: string;
}

/** The record of one update, and the topic (= table) it goes to. */
export function sinkRecord(update: CanonicalUpdate, topics: SinkTopics): { topic: string; message: Message } {
  const provenance = {
    source_lsn: update.sourceLsn,
    source_version: update.sourceVersion,
    source_ts: new Date(update.sourceTsMs).toISOString(),
    deleted: update.op === "delete",
  };
  if (update.entity === "member") {
    const d = update.op === "upsert" ? update.data : null;
    const key = { tenant: update.tenant, member_id: update.id };
    const value = {
      ...key,
      first_name: d?.firstName ?? null,
      last_name: d?.lastName ?? null,
      date_of_birth: d?.dateOfBirth ?? null,
      address_line: d?.addressLine ?? null,
      city: d?.city ?? null,
      state: d?.state ?? null,
      postal_code: d?.postalCode ?? null,
      plan_id: d?.planId ?? null,
      status: d?.status ?? null,
      ...provenance,
    };
    return {
      topic: topics.members,
      message: { key: envelope(SCHEMAS.memberKey, key), value: envelope(SCHEMAS.memberValue, value) },
    };
  }
  const d = update.op === "upsert" ? update.data : null;
  const key = { tenant: update.tenant, claim_id: update.id };
  const value = {
    ...key,
    member_id: update.memberId,
    ndc: d?.ndc ?? null,
    drug_name: d?.drugName ?? null,
    pharmacy_id: d?.pharmacyId ?? null,
    quantity: d?.quantity ?? null,
    days_supply: d?.daysSupply ?? null,
    amount_billed: d?.amountBilled ?? null,
    amount_paid: d?.amountPaid ?? null,
    status: d?.status ?? null,
    fill_date: d?.fillDate ?? null,
    ...provenance,
  };
  return {
    topic: topics.claims,
    message: { key: envelope(SCHEMAS.claimKey, key), value: envelope(SCHEMAS.claimValue, value) },
  };
}

/**
 * What the sink's tables must hold once every record is applied: one row per entity, each at its
 * last version. Versions only grow, so count and version sum reaching these figures is the cheap
 * "done" test (two aggregates instead of a row-by-row comparison).
 */
export class SinkExpectation {
  private readonly versions = new Map<string, number>();
  rows = 0;
  versionSum = 0;

  add(update: CanonicalUpdate): void {
    const ref = `${update.entity}:${update.id}`;
    const previous = this.versions.get(ref);
    if (previous === undefined) this.rows += 1;
    else if (update.sourceVersion <= previous) return;
    this.versionSum += update.sourceVersion - (previous ?? 0);
    this.versions.set(ref, update.sourceVersion);
  }

  reached(actual: { rows: number; versionSum: number }): boolean {
    return actual.rows === this.rows && actual.versionSum === this.versionSum;
  }
}
