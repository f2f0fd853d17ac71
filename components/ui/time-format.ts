/**
 * The console's one way to show a time: numeric, 24-hour, in the zone the person chose (UTC or
 * their browser's zone) and always labelled with that zone, e.g. `2026-11-23 10:04:05 UTC` or
 * `2026-11-23 11:04:05 UTC+1`. Pure: the zone is passed in.
 */

export type TimeChoice = "utc" | "local";

/** `datetime` 2026-11-23 10:04:05 · `minute` 2026-11-23 10:04 · `time` 10:04:05 · `precise` 10:04:05.123 · `clock` 10:04 · `date` 2026-11-23 */
export type TimeStyle = "datetime" | "minute" | "time" | "precise" | "clock" | "date";

export const UTC = "UTC";

type Parts = {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  timeZoneName: string;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    formatters.set(zone, f);
  }
  return f;
}

function partsOf(date: Date, zone: string): Parts {
  const out: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(date)) out[part.type] = part.value;
  return out as Parts;
}

/** True when `zone` is an IANA zone name this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's label at that instant: `UTC`, `UTC+1`, `UTC-3:30` (offsets, since abbreviations are ambiguous). */
export function zoneLabel(at: Date, zone: string): string {
  if (zone === UTC) return UTC;
  const name = partsOf(at, zone).timeZoneName; // "GMT", "GMT+1", "GMT-3:30"
  return name.replace(/^GMT/, UTC).replace(/[+-]0$/, "");
}

function toDate(at: string | number | Date): Date | null {
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The time as text in `zone`, labelled with the zone; "—" for a missing or unreadable time. */
export function formatTime(
  at: string | number | Date | null | undefined,
  zone: string,
  style: TimeStyle = "datetime",
): string {
  if (at === null || at === undefined) return "—";
  const date = toDate(at);
  if (!date) return "—";
  return `${formatBare(date, zone, style)} ${zoneLabel(date, zone)}`;
}

/** The same text without the zone label: for chart ticks whose axis names the zone once. */
export function formatBare(at: string | number | Date, zone: string, style: TimeStyle = "datetime"): string {
  const date = toDate(at);
  if (!date) return "—";
  const p = partsOf(date, zone);
  const day = `${p.year}-${p.month}-${p.day}`;
  const clock = `${p.hour}:${p.minute}`;
  switch (style) {
    case "date":
      return day;
    case "clock":
      return clock;
    case "time":
      return `${clock}:${p.second}`;
    case "precise":
      return `${clock}:${p.second}.${String(date.getUTCMilliseconds()).padStart(3, "0")}`;
    case "minute":
      return `${day} ${clock}`;
    case "datetime":
      return `${day} ${clock}:${p.second}`;
  }
}

/**
 * The tick style for a time axis spanning `first`..`last`: minutes alone repeat on a short span
 * (five ticks reading "21:07"), so spans under 15 minutes show seconds too.
 */
export function axisTimeStyle(first: string | undefined, last: string | undefined): "clock" | "time" {
  const span = first && last ? Date.parse(last) - Date.parse(first) : NaN;
  return Number.isFinite(span) && Math.abs(span) < 15 * 60_000 ? "time" : "clock";
}

/** Offset of `zone` from UTC at `instantMs`, in ms (positive east of Greenwich). */
function offsetMs(instantMs: number, zone: string): number {
  const p = partsOf(new Date(instantMs), zone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** An instant as the value of a `datetime-local` input showing `zone` (`2026-11-23T10:04`); "" if unreadable. */
export function toZonedInput(at: string | null | undefined, zone: string): string {
  if (!at) return "";
  const date = toDate(at);
  if (!date) return "";
  const p = partsOf(date, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * A `datetime-local` value read as a wall-clock time in `zone`, as an unambiguous ISO instant
 * (`2026-11-23T09:04:00.000Z`); null when it is not such a value. A wall time that a DST change
 * skips is read with the offset before the change; one it repeats is read as the earlier instant.
 */
export function fromZonedInput(value: string, zone: string): string | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second = "0"] = m.slice(1).map((v) => v ?? "0");
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(day)) return null;
  // Two passes settle the offset in force at the resulting instant (they differ only around a DST change).
  const before = wall - offsetMs(wall - 86_400_000, zone);
  const first = wall - offsetMs(wall, zone);
  const candidates = [before, first].filter((t) => wall - offsetMs(t, zone) === t);
  const instant = candidates.length > 0 ? Math.min(...candidates) : before;
  return new Date(instant).toISOString();
}
