/**
 * Pure: one Debezium change event (PostgreSQL connector, JSON converter with schemas disabled,
 * `decimal.handling.mode=string`, default `time.precision.mode`) → the canonical update keyed by
 * member id, nothing (tombstones, truncates), or a fatal classification for the DLQ.
 *
 * Envelope: `{ before, after, source: { ts_ms, lsn, … }, op: c|u|d|r|t|m, ts_ms }`. A `{ schema,
 * payload }` wrapper (schemas enabled) is unwrapped too. DATE columns arrive as days since the
 * epoch (int) by default, as ISO strings with other converters; both are accepted.
 */
import { z } from "zod";
import { canonicalUpdateSchema, type CanonicalUpdate } from "@/lib/contract/canonical-update";
import { tenantTopics, type SourceTable } from "@/lib/contract/topics";

export interface CdcMessage {
  tenant: string;
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
}

export type CdcOutcome =
  | { kind: "update"; key: string; update: CanonicalUpdate }
  | { kind: "skip"; reason: string }
  | {
      kind: "fatal";
      errorClass: "MalformedEnvelope" | "InvalidRow";
      errorMessage: string;
      entity?: string;
      memberId?: string;
    };

const row = z.record(z.string(), z.unknown());
const envelopeSchema = z.object({
  before: row.nullish(),
  after: row.nullish(),
  source: z.looseObject({
    ts_ms: z.number().int().positive(),
    // not int(): in zod 4 that means a safe integer; a larger LSN is re-read exactly (exactLsn)
    lsn: z.union([z.number().nonnegative(), z.string().regex(/^\d+$/)]),
  }),
  op: z.enum(["c", "u", "d", "r", "t", "m"]),
});
type Envelope = z.infer<typeof envelopeSchema>;
type Row = z.infer<typeof row>;

const DAY_MS = 86_400_000;

export function handleCdcMessage(message: CdcMessage): CdcOutcome {
  // Debezium follows a delete with a null-value tombstone for log compaction: nothing to apply.
  if (!message.value || message.value.length === 0) return { kind: "skip", reason: "tombstone" };
  const table = tableOf(message.tenant, message.topic);
  if (!table)
    return {
      kind: "fatal",
      errorClass: "MalformedEnvelope",
      errorMessage: `${message.topic} is not a CDC topic of tenant ${message.tenant}`,
    };
  const text = message.value.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      kind: "fatal",
      errorClass: "MalformedEnvelope",
      errorMessage: `value is not JSON: ${(error as Error).message}`,
    };
  }
  const unwrapped = isObject(json) && "payload" in json && "schema" in json ? json.payload : json;
  const envelope = envelopeSchema.safeParse(unwrapped);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return {
      kind: "fatal",
      errorClass: "MalformedEnvelope",
      errorMessage: `${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`,
    };
  }
  const event = envelope.data;
  if (event.op === "t" || event.op === "m")
    return { kind: "skip", reason: event.op === "t" ? "truncate" : "logical message" };
  const isDelete = event.op === "d";
  const data = isDelete ? event.before : event.after;
  if (!data)
    return {
      kind: "fatal",
      errorClass: "MalformedEnvelope",
      errorMessage: `op ${event.op} without ${isDelete ? "before" : "after"} row`,
    };
  return toUpdate(message, table, event, data, exactLsn(event, text));
}

function tableOf(tenant: string, topic: string): SourceTable | undefined {
  const topics = tenantTopics(tenant);
  if (topic === topics.cdc("members")) return "members";
  if (topic === topics.cdc("claims")) return "claims";
  return undefined;
}

/** JSON numbers beyond 2^53 lose digits in JSON.parse; read such an LSN from the raw text. */
function exactLsn(event: Envelope, text: string): string {
  const lsn = event.source.lsn;
  if (typeof lsn === "string" || Number.isSafeInteger(lsn)) return String(lsn);
  return /"lsn"\s*:\s*(\d+)/.exec(text)?.[1] ?? String(lsn);
}

function toUpdate(message: CdcMessage, table: SourceTable, event: Envelope, data: Row, sourceLsn: string): CdcOutcome {
  const isMember = table === "members";
  const id = text(data[isMember ? "member_id" : "claim_id"]);
  const memberId = text(data.member_id);
  if (!id || !memberId)
    return {
      kind: "fatal",
      errorClass: "InvalidRow",
      errorMessage: `${table} row without ${isMember ? "member_id" : "claim_id/member_id"}`,
    };
  const entity = isMember ? "member" : "claim";
  const candidate = {
    tenant: message.tenant,
    entity,
    op: event.op === "d" ? "delete" : "upsert",
    id,
    memberId,
    sourceLsn,
    sourceVersion: data.version,
    sourceTsMs: event.source.ts_ms,
    cdcTopic: message.topic,
    cdcPartition: message.partition,
    cdcOffset: message.offset,
    data: event.op === "d" ? null : isMember ? memberData(data) : claimData(data),
  };
  const parsed = canonicalUpdateSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: "fatal",
      errorClass: "InvalidRow",
      errorMessage: `${issue?.path.join(".")}: ${issue?.message}`,
      entity: `${entity}:${id}`,
      memberId,
    };
  }
  return { kind: "update", key: memberId, update: parsed.data };
}

function memberData(r: Row) {
  return {
    memberId: r.member_id,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: isoDate(r.date_of_birth),
    addressLine: r.address_line,
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    planId: r.plan_id,
    status: r.status,
  };
}

function claimData(r: Row) {
  return {
    claimId: r.claim_id,
    memberId: r.member_id,
    ndc: r.ndc,
    drugName: r.drug_name,
    pharmacyId: r.pharmacy_id,
    quantity: r.quantity,
    daysSupply: r.days_supply,
    amountBilled: decimal(r.amount_billed),
    amountPaid: decimal(r.amount_paid),
    status: r.status,
    fillDate: isoDate(r.fill_date),
  };
}

/** Days since the epoch (Debezium's io.debezium.time.Date) or an ISO date/time string. */
export function isoDate(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) return new Date(value * DAY_MS).toISOString().slice(0, 10);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return value;
}

/** decimal.handling.mode=string gives "12.50"; =double would give 12.5. */
function decimal(value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : value;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
