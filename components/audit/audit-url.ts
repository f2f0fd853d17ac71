import { textParam, toQuery } from "@/components/ui/url-params";

/** The audit filters as the form holds them and the URL carries them. */
export type AuditFilterValues = { user?: string; tenant?: string; action?: string; from?: string; to?: string };

export const AUDIT_FILTER_KEYS = ["user", "tenant", "action", "from", "to"] as const;

const MAX_LENGTH: Record<(typeof AUDIT_FILTER_KEYS)[number], number> = {
  user: 320,
  tenant: 36,
  action: 80,
  from: 40,
  to: 40,
};

/**
 * The filters in a query string: known keys with a usable value, the rest dropped. The server checks
 * the values themselves (a malformed date is a message above the table, not an error page).
 */
export function parseAuditFilterValues(params: URLSearchParams): AuditFilterValues {
  const values: AuditFilterValues = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = textParam(params, key, MAX_LENGTH[key]);
    if (value) values[key] = value;
  }
  return values;
}

/** The page's own query string for `values`, in a fixed key order. */
export function serializeAuditFilterValues(values: AuditFilterValues): string {
  return toQuery(Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, values[key] ?? ""])));
}
