/**
 * Pure planning of one batch from `sync.<tenant>.updates`: decode and validate each message,
 * keep only the newest change per entity (highest source LSN), and lay the survivors out as the
 * column arrays the multi-row upserts take. No I/O here; apply.ts runs the plan.
 */
import type { KafkaMessage } from "kafkajs";
import {
  canonicalUpdateSchema,
  entityRef,
  type CanonicalUpdate,
  type ClaimData,
  type MemberData,
} from "@/lib/contract/canonical-update";
import type { FailedMessage } from "../shared/failure-message";
import { decodeFailureHeaders, type FailureHeaders } from "@/lib/contract/headers";

/** Where a message came from and what it carried: the same shape failure messages are built from. */
export type MessageRef = FailedMessage;

export type DecodedUpdate =
  /** `attempt`: which delivery this is (1 = first; the retry-processor's header says otherwise). */
  | { kind: "update"; update: CanonicalUpdate; ref: MessageRef; attempt: number; failure: FailureHeaders | undefined }
  | { kind: "fatal"; errorClass: string; errorMessage: string; ref: MessageRef; entity: string | undefined };

export interface BatchPlan {
  members: CanonicalUpdate[];
  claims: CanonicalUpdate[];
  /** the newest decoded message per entity, by entity ref (for trail rows and retries) */
  newest: Map<string, Extract<DecodedUpdate, { kind: "update" }>>;
  /** older or duplicate changes of an entity that a newer one in the same batch supersedes */
  superseded: Array<Extract<DecodedUpdate, { kind: "update" }>>;
  fatal: Array<Extract<DecodedUpdate, { kind: "fatal" }>>;
}

export function toMessageRef(topic: string, partition: number, message: KafkaMessage): MessageRef {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date: the zod schema checks only the shape (YYYY-MM-DD), Postgres would reject
 * 2026-02-30. Arithmetic rather than a Date round trip: it runs for every update, and the same
 * answer as `new Date(text).toISOString().startsWith(text)` (proleptic Gregorian leap years).
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

function invalidDate(update: CanonicalUpdate): string | undefined {
  if (!update.data) return undefined;
  const date = update.entity === "member" ? update.data.dateOfBirth : update.data.fillDate;
  return isCalendarDate(date)
    ? undefined
    : `${update.entity === "member" ? "dateOfBirth" : "fillDate"} ${date} is not a calendar date`;
}

/** Postgres text cannot hold U+0000: say which field has one, before the database refuses the batch. */
export function nulCharacter(update: CanonicalUpdate): string | undefined {
  const fields: Array<[string, unknown]> = [
    ["id", update.id],
    ["memberId", update.memberId],
    ...Object.entries(update.data ?? {}).map(([k, v]): [string, unknown] => [`data.${k}`, v]),
  ];
  const found = fields.find(([, value]) => typeof value === "string" && value.includes("\u0000"));
  return found ? `${found[0]} contains U+0000, which the target cannot store` : undefined;
}

export function decodeUpdate(ref: MessageRef, tenant: string): DecodedUpdate {
  const fatal = (errorClass: string, errorMessage: string, entity?: string): DecodedUpdate => ({
    kind: "fatal",
    errorClass,
    errorMessage,
    ref,
    entity,
  });
  if (!ref.value) return fatal("MalformedUpdate", "message has no value");
  let json: unknown;
  const text = ref.value.toString("utf8");
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fatal("MalformedUpdate", `value is not JSON: ${(error as Error).message}`);
  }
  const parsed = canonicalUpdateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fatal("InvalidUpdate", `${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`);
  }
  const update = parsed.data;
  if (update.tenant !== tenant)
    return fatal("WrongTenant", `update of tenant ${update.tenant} on ${tenant}'s topic`, entityRef(update));
  if (update.op === "upsert" && !update.data)
    return fatal("InvalidUpdate", "an upsert must carry data", entityRef(update));
  // JSON can only carry U+0000 inside a string as the escape \u0000 (a raw control character is
  // not JSON), so text without that escape needs no field-by-field look.
  const textProblem = text.includes("\\u0000") ? nulCharacter(update) : undefined;
  if (textProblem) return fatal("InvalidUpdate", textProblem, entityRef(update));
  const dateProblem = invalidDate(update);
  if (dateProblem) return fatal("InvalidUpdate", dateProblem, entityRef(update));
  const failure = decodeFailureHeaders(ref.headers);
  return { kind: "update", update, ref, attempt: failure?.attempt ?? 1, failure };
}

/** LSNs are decimal strings up to 20 digits (beyond 2^53): compare as bigints. */
export function isNewer(a: CanonicalUpdate, b: CanonicalUpdate): boolean {
  return BigInt(a.sourceLsn) > BigInt(b.sourceLsn);
}

/** Keeps the highest-LSN change per entity; on equal LSNs (a duplicate) the first one seen. */
export function planBatch(decoded: readonly DecodedUpdate[]): BatchPlan {
  const newest = new Map<string, Extract<DecodedUpdate, { kind: "update" }>>();
  const superseded: BatchPlan["superseded"] = [];
  const fatal: BatchPlan["fatal"] = [];
  for (const item of decoded) {
    if (item.kind === "fatal") {
      fatal.push(item);
      continue;
    }
    const ref = entityRef(item.update);
    const current = newest.get(ref);
    if (!current) newest.set(ref, item);
    else if (isNewer(item.update, current.update)) {
      superseded.push(current);
      newest.set(ref, item);
    } else superseded.push(item);
  }
  const survivors = [...newest.values()].map((item) => item.update);
  return {
    members: survivors.filter((u) => u.entity === "member"),
    claims: survivors.filter((u) => u.entity === "claim"),
    newest,
    superseded,
    fatal,
  };
}

/** The data fields of target_members' columns, in the order of the upsert's unnest(). */
const MEMBER_FIELDS: ReadonlyArray<keyof MemberData> = [
  "firstName",
  "lastName",
  "dateOfBirth",
  "addressLine",
  "city",
  "state",
  "postalCode",
  "planId",
  "status",
];
/** The data fields of target_claims' columns, in the order of the upsert's unnest(). */
const CLAIM_FIELDS: ReadonlyArray<keyof ClaimData> = [
  "ndc",
  "drugName",
  "pharmacyId",
  "quantity",
  "daysSupply",
  "amountBilled",
  "amountPaid",
  "status",
  "fillDate",
];

/**
 * One array per column, filled in place (no array per row: this runs for every update):
 * id, [member id,] the data fields (null for a delete), source LSN, source version, source
 * commit time as epoch ms, deleted.
 */
function columnsOf(
  updates: readonly CanonicalUpdate[],
  entity: CanonicalUpdate["entity"],
  fields: readonly string[],
  withMemberId: boolean,
): unknown[][] {
  const width = fields.length + (withMemberId ? 6 : 5);
  const columns = Array.from({ length: width }, () => new Array<unknown>(updates.length));
  updates.forEach((u, row) => {
    const data = u.entity === entity && u.op === "upsert" ? (u.data as Record<string, unknown> | null) : null;
    let c = 0;
    columns[c++]![row] = u.id;
    if (withMemberId) columns[c++]![row] = u.memberId;
    for (const field of fields) columns[c++]![row] = data?.[field] ?? null;
    columns[c++]![row] = u.sourceLsn;
    columns[c++]![row] = u.sourceVersion;
    columns[c++]![row] = u.sourceTsMs;
    columns[c]![row] = u.op === "delete";
  });
  return columns;
}

/** Column arrays for target_members, in the order of the upsert's unnest(). */
export function memberColumns(updates: readonly CanonicalUpdate[]): unknown[][] {
  return columnsOf(updates, "member", MEMBER_FIELDS, false);
}

/** Column arrays for target_claims, in the order of the upsert's unnest(). */
export function claimColumns(updates: readonly CanonicalUpdate[]): unknown[][] {
  return columnsOf(updates, "claim", CLAIM_FIELDS, true);
}
