/** One thing the command palette can jump to; `href` is a console page. */
export type PaletteHit = {
  kind: "page" | "action" | "tenant" | "group" | "member" | "claim";
  label: string;
  detail: string;
  href: string;
};

export const paletteHref = {
  tenant: (slug: string, page: "health" | "settings") => (page === "health" ? `/health/${slug}` : `/tenants/${slug}`),
  group: (groupId: string) => `/lag/${encodeURIComponent(groupId)}`,
  member: (tenant: string, memberId: string, claimId?: string) =>
    `/lookup/${tenant}/${encodeURIComponent(memberId)}${claimId ? `#claim-${encodeURIComponent(claimId)}` : ""}`,
};

/**
 * The palette's own entries (pages and actions) that match `query`, best first: a label that starts
 * with the query, then a word of it that does, then the label or detail containing it. Pure.
 */
export function matchEntries(entries: readonly PaletteHit[], query: string, limit = 8): PaletteHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return entries.slice(0, limit);
  const score = (e: PaletteHit) => {
    const label = e.label.toLowerCase();
    if (label.startsWith(q)) return 0;
    if (label.split(/[\s/·-]+/).some((word) => word.startsWith(q))) return 1;
    if (label.includes(q)) return 2;
    return e.detail.toLowerCase().includes(q) ? 3 : -1;
  };
  return entries
    .map((entry, index) => ({ entry, index, score: score(entry) }))
    .filter((m) => m.score >= 0)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((m) => m.entry);
}
