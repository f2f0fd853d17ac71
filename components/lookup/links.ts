/** Where the console shows one entity's dead-letter messages: the tenant's DLQ page, filtered to the entity. */
export function dlqHref(tenant: string, entity: string): string {
  return `/retries/${encodeURIComponent(tenant)}/dlq?${new URLSearchParams({ entity })}`;
}

export function memberHref(tenant: string, memberId: string): string {
  return `/lookup/${encodeURIComponent(tenant)}/${encodeURIComponent(memberId)}`;
}
