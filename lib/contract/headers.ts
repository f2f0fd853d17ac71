/**
 * The one header schema for everything the pipeline writes to retry and dead-letter topics
 * (DESIGN.md). Values are UTF-8 strings; times are ISO-8601.
 */
export const SYNC_HEADERS = {
  attempt: "sync-attempt",
  originalTopic: "sync-original-topic",
  originalPartition: "sync-original-partition",
  originalOffset: "sync-original-offset",
  firstFailedAt: "sync-first-failed-at",
  dueAt: "sync-due-at",
  errorClass: "sync-error-class",
  errorMessage: "sync-error-message",
  stage: "sync-stage",
  tenant: "sync-tenant",
  entity: "sync-entity",
} as const;

export type FailureHeaders = {
  attempt: number;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  firstFailedAt: string;
  dueAt?: string;
  errorClass: string;
  errorMessage: string;
  stage: string;
  tenant: string;
  /** `member:<id>` or `claim:<id>` */
  entity?: string;
};

const MAX_ERROR_MESSAGE = 2_000;

export function encodeFailureHeaders(h: FailureHeaders): Record<string, string> {
  const out: Record<string, string> = {
    [SYNC_HEADERS.attempt]: String(h.attempt),
    [SYNC_HEADERS.originalTopic]: h.originalTopic,
    [SYNC_HEADERS.originalPartition]: String(h.originalPartition),
    [SYNC_HEADERS.originalOffset]: h.originalOffset,
    [SYNC_HEADERS.firstFailedAt]: h.firstFailedAt,
    [SYNC_HEADERS.errorClass]: h.errorClass,
    [SYNC_HEADERS.errorMessage]: h.errorMessage.slice(0, MAX_ERROR_MESSAGE),
    [SYNC_HEADERS.stage]: h.stage,
    [SYNC_HEADERS.tenant]: h.tenant,
  };
  if (h.dueAt) out[SYNC_HEADERS.dueAt] = h.dueAt;
  if (h.entity) out[SYNC_HEADERS.entity] = h.entity;
  return out;
}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

export function headerText(headers: RawHeaders, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads our failure headers; undefined when the message carries none (a first failure). */
export function decodeFailureHeaders(headers: RawHeaders): FailureHeaders | undefined {
  const attempt = Number(headerText(headers, SYNC_HEADERS.attempt));
  const originalTopic = headerText(headers, SYNC_HEADERS.originalTopic);
  if (!Number.isInteger(attempt) || attempt < 1 || !originalTopic) return undefined;
  return {
    attempt,
    originalTopic,
    originalPartition: Number(headerText(headers, SYNC_HEADERS.originalPartition) ?? -1),
    originalOffset: headerText(headers, SYNC_HEADERS.originalOffset) ?? "",
    firstFailedAt: headerText(headers, SYNC_HEADERS.firstFailedAt) ?? "",
    dueAt: headerText(headers, SYNC_HEADERS.dueAt),
    errorClass: headerText(headers, SYNC_HEADERS.errorClass) ?? "unknown",
    errorMessage: headerText(headers, SYNC_HEADERS.errorMessage) ?? "",
    stage: headerText(headers, SYNC_HEADERS.stage) ?? "",
    tenant: headerText(headers, SYNC_HEADERS.tenant) ?? "",
    entity: headerText(headers, SYNC_HEADERS.entity),
  };
}
