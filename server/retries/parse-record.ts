/**
 * What a retry or dead-letter record says about its failure, whichever writer produced it: our
 * `sync-*` headers (DESIGN.md), Spring Kafka's `kafka_dlt-*` or Kafka Connect's `__connect.errors.*`.
 * Pure: the indexer maps every consumed record through it, tests feed it plain objects.
 */
import { createHash } from "node:crypto";
import { SYNC_HEADERS } from "@/lib/contract/headers";
import { TENANT_SLUG_SOURCE } from "@/lib/contract/tenant-slug";
import { retryTopicInfo } from "@/lib/contract/topics";

export type HeaderFormat = "sync" | "spring" | "connect" | "none";
export type QueueKind = "retry" | "dlq";

export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  timestampMs: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface IndexedRecord {
  tenant: string;
  kind: QueueKind;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  entity: string | null;
  stage: string | null;
  errorClass: string;
  fingerprint: string;
  errorMessage: string;
  attempt: number;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  firstFailedAt: Date | null;
  dueAt: Date | null;
  writtenAt: Date;
  headerFormat: HeaderFormat;
  headers: Record<string, string>;
  payload: Buffer | null;
  sourceLsn: string | null;
}

const DLQ_TOPIC = new RegExp(`^sync\\.(${TENANT_SLUG_SOURCE})\\.dlq$`);

/** `sync.<tenant>.retry.<tier>` (or the legacy `sync.<tenant>.retry`) | `sync.<tenant>.dlq` → tenant and kind; undefined for any other topic. */
export function queueOfTopic(topic: string): { tenant: string; kind: QueueKind } | undefined {
  const retry = retryTopicInfo(topic);
  if (retry) return { tenant: retry.tenant, kind: "retry" };
  const match = DLQ_TOPIC.exec(topic);
  return match ? { tenant: match[1]!, kind: "dlq" } : undefined;
}

/** Kafka header values as text; several values for one name keep the last (Spring appends). */
export function headersAsText(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = decodeHeaderValue(name, last);
  }
  return out;
}

/** Spring writes the partition and offset as big-endian binary numbers, everything else is text. */
function decodeHeaderValue(name: string, value: Buffer | string): string {
  if (typeof value === "string") return value;
  if (name === "kafka_dlt-original-partition" && value.length === 4) return String(value.readInt32BE(0));
  if ((name === "kafka_dlt-original-offset" || name === "kafka_dlt-original-timestamp") && value.length === 8)
    return value.readBigInt64BE(0).toString();
  return value.toString("utf8");
}

const int = (text: string | undefined): number | null => {
  const n = Number(text);
  return text !== undefined && text !== "" && Number.isInteger(n) ? n : null;
};
const date = (text: string | undefined): Date | null => {
  if (!text) return null;
  const d = /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
};
const offsetText = (text: string | undefined): string | null => (text && /^\d{1,20}$/.test(text) ? text : null);
/** Java exception names come fully qualified; the class name alone is what people group by. */
const shortClass = (text: string) => text.split(".").pop()!.slice(0, 200) || "unknown";

type Failure = Pick<
  IndexedRecord,
  | "headerFormat"
  | "errorClass"
  | "errorMessage"
  | "attempt"
  | "stage"
  | "entity"
  | "originalTopic"
  | "originalPartition"
  | "originalOffset"
  | "firstFailedAt"
  | "dueAt"
>;

function syncFailure(h: Record<string, string>): Failure | undefined {
  if (h[SYNC_HEADERS.errorClass] === undefined && h[SYNC_HEADERS.attempt] === undefined) return undefined;
  return {
    headerFormat: "sync",
    errorClass: shortClass(h[SYNC_HEADERS.errorClass] ?? "unknown"),
    errorMessage: h[SYNC_HEADERS.errorMessage] ?? "",
    attempt: int(h[SYNC_HEADERS.attempt]) ?? 1,
    stage: h[SYNC_HEADERS.stage] || null,
    entity: h[SYNC_HEADERS.entity] || null,
    originalTopic: h[SYNC_HEADERS.originalTopic] || null,
    originalPartition: int(h[SYNC_HEADERS.originalPartition]),
    originalOffset: offsetText(h[SYNC_HEADERS.originalOffset]),
    firstFailedAt: date(h[SYNC_HEADERS.firstFailedAt]),
    dueAt: date(h[SYNC_HEADERS.dueAt]),
  };
}

function springFailure(h: Record<string, string>): Failure | undefined {
  const cls = h["kafka_dlt-exception-cause-fqcn"] ?? h["kafka_dlt-exception-fqcn"];
  if (cls === undefined && h["kafka_dlt-original-topic"] === undefined) return undefined;
  return {
    headerFormat: "spring",
    errorClass: shortClass(cls ?? "unknown"),
    errorMessage: h["kafka_dlt-exception-message"] ?? "",
    attempt: 1,
    stage: h["kafka_dlt-original-consumer-group"] || null,
    entity: null,
    originalTopic: h["kafka_dlt-original-topic"] || null,
    originalPartition: int(h["kafka_dlt-original-partition"]),
    originalOffset: offsetText(h["kafka_dlt-original-offset"]),
    firstFailedAt: date(h["kafka_dlt-original-timestamp"]),
    dueAt: null,
  };
}

function connectFailure(h: Record<string, string>): Failure | undefined {
  const prefix = "__connect.errors.";
  if (!Object.keys(h).some((name) => name.startsWith(prefix))) return undefined;
  const stage = [h[`${prefix}connector.name`], h[`${prefix}stage`]].filter(Boolean).join("/");
  return {
    headerFormat: "connect",
    errorClass: shortClass(h[`${prefix}exception.class.name`] ?? "unknown"),
    errorMessage: h[`${prefix}exception.message`] ?? "",
    attempt: 1,
    stage: stage || null,
    entity: null,
    originalTopic: h[`${prefix}topic`] || null,
    originalPartition: int(h[`${prefix}partition`]),
    originalOffset: offsetText(h[`${prefix}offset`]),
    firstFailedAt: null,
    dueAt: null,
  };
}

const NO_HEADERS: Failure = {
  headerFormat: "none",
  errorClass: "unknown",
  errorMessage: "",
  attempt: 1,
  stage: null,
  entity: null,
  originalTopic: null,
  originalPartition: null,
  originalOffset: null,
  firstFailedAt: null,
  dueAt: null,
};

/** Ids, numbers, quoted values and times vary between failures of one cause: blank them. */
export function errorFingerprint(errorClass: string, message: string): string {
  const shape = message
    .replace(/"[^"]*"|'[^']*'/g, "?")
    .replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/gi, "?")
    .replace(/[A-Za-z]*\d[\w-]*/g, "#")
    .replace(/\s+/g, " ")
    .trim();
  return createHash("sha1").update(`${errorClass}\n${shape}`).digest("hex").slice(0, 16);
}

/** Reads the source LSN of a canonical update payload, when it is one. */
function payloadLsn(value: Buffer | null): string | null {
  if (!value || value.length > 1_000_000) return null;
  try {
    const lsn = (JSON.parse(value.toString("utf8")) as { sourceLsn?: unknown }).sourceLsn;
    return typeof lsn === "string" && /^\d{1,20}$/.test(lsn) ? lsn : null;
  } catch {
    return null;
  }
}

/** Undefined when the record is not on a tenant's retry or dead-letter topic. */
export function parseQueueRecord(record: RawRecord): IndexedRecord | undefined {
  const queue = queueOfTopic(record.topic);
  if (!queue) return undefined;
  const h = record.headers;
  const failure = syncFailure(h) ?? springFailure(h) ?? connectFailure(h) ?? NO_HEADERS;
  return {
    ...failure,
    tenant: queue.tenant,
    kind: queue.kind,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key?.slice(0, 200) ?? null,
    entity: failure.entity?.slice(0, 60) ?? null,
    stage: failure.stage?.slice(0, 60) ?? null,
    fingerprint: errorFingerprint(failure.errorClass, failure.errorMessage),
    writtenAt: new Date(record.timestampMs),
    headers: h,
    payload: record.value,
    sourceLsn: payloadLsn(record.value),
  };
}
