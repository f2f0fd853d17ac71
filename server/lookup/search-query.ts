/**
 * What a lookup query means. Member ids look like `M100234`, claim ids like `C-88`; people also type
 * bare numbers ("member 100234") or a name with a date of birth. Pure: the route validates with it.
 */
export type SearchQuery =
  | { kind: "id"; memberPrefix: string | null; claimPrefix: string | null }
  | { kind: "name"; lastName: string; firstName: string | null; dateOfBirth: string | null };

export type ParsedSearch = { ok: true; query: SearchQuery } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export function parseSearch(raw: string): ParsedSearch {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text.length < 2) return { ok: false, reason: "Type at least 2 characters" };
  if (text.length > 80) return { ok: false, reason: "A search is at most 80 characters" };
  if (/^m\d+$/i.test(text))
    return { ok: true, query: { kind: "id", memberPrefix: `M${text.slice(1)}`, claimPrefix: null } };
  if (/^c-?\d+$/i.test(text))
    return { ok: true, query: { kind: "id", memberPrefix: null, claimPrefix: `C-${text.replace(/^c-?/i, "")}` } };
  if (/^\d+$/.test(text))
    return { ok: true, query: { kind: "id", memberPrefix: `M${text}`, claimPrefix: `C-${text}` } };

  const parts = text.replace(",", " ").split(" ").filter(Boolean);
  const dates = parts.filter((p) => DATE.test(p));
  const words = parts.filter((p) => !DATE.test(p));
  if (dates.length > 1) return { ok: false, reason: "Give one date of birth (YYYY-MM-DD)" };
  if (dates[0] && !validDate(dates[0])) return { ok: false, reason: `${dates[0]} is not a date` };
  if (words.length === 0 || words.length > 2 || words.some((w) => !/^\p{L}[\p{L}'-]*$/u.test(w))) {
    return {
      ok: false,
      reason: "Search by member id (M100234), claim id (C-88), or last name [first name] [YYYY-MM-DD]",
    };
  }
  // "Smith, John" and "Smith John" both mean last name first.
  return {
    ok: true,
    query: {
      kind: "name",
      lastName: capitalize(words[0]!),
      firstName: words[1] ? capitalize(words[1]) : null,
      dateOfBirth: dates[0] ?? null,
    },
  };
}
