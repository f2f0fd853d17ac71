import { fromZonedInput } from "@/components/ui/time-format";
import { enumParam, textParam, toQuery } from "@/components/ui/url-params";

export const DLQ_KINDS = ["dlq", "retry"] as const;
export const DLQ_STATES = ["open", "replayed", "resolved", "discarded", "all"] as const;

/** The dead-letter list's filters as the form holds them and the URL carries them (times as the datetime-local field has them). */
export type DlqFilters = {
  kind: (typeof DLQ_KINDS)[number];
  state: (typeof DLQ_STATES)[number];
  errorClass: string;
  stage: string;
  entity: string;
  fingerprint: string;
  from: string;
  to: string;
  q: string;
};

export const DLQ_DEFAULTS: DlqFilters = {
  kind: "dlq",
  state: "open",
  errorClass: "",
  stage: "",
  entity: "",
  fingerprint: "",
  from: "",
  to: "",
  q: "",
};

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;

const matching = (value: string, pattern: RegExp) => (pattern.test(value) ? value : "");

export function parseDlqFilters(params: URLSearchParams): DlqFilters {
  return {
    kind: enumParam(params, "kind", DLQ_KINDS, DLQ_DEFAULTS.kind),
    state: enumParam(params, "state", DLQ_STATES, DLQ_DEFAULTS.state),
    errorClass: textParam(params, "errorClass", 200),
    stage: textParam(params, "stage", 60),
    entity: textParam(params, "entity", 60),
    fingerprint: matching(textParam(params, "fingerprint", 16), FINGERPRINT),
    from: matching(textParam(params, "from", 30), LOCAL_TIME),
    to: matching(textParam(params, "to", 30), LOCAL_TIME),
    q: textParam(params, "q", 200),
  };
}

export function serializeDlqFilters(filters: DlqFilters): string {
  return toQuery(filters, DLQ_DEFAULTS);
}

/**
 * The filters as the API's filter object: empty fields left out, From and To (kept in the URL as
 * typed, in the zone the page shows) sent as ISO instants.
 */
export function filterObject(filters: DlqFilters, zone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (!value) continue;
    out[key] = key === "from" || key === "to" ? (fromZonedInput(value, zone) ?? value) : value;
  }
  return out;
}
