/** Where the console shows one entity's dead-letter messages (the DLQ page filters by tenant and entity key). */
export function dlqHref(tenant: string, entity: string): string {
  return `/retries/dlq?${new URLSearchParams({ tenant, entity })}`;
}

export function memberHref(tenant: string, memberId: string): string {
  return `/lookup/${encodeURIComponent(tenant)}/${encodeURIComponent(memberId)}`;
}
