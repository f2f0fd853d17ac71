"use client";

import { createContext, useContext } from "react";
import { formatBare, formatTime, UTC, type TimeStyle } from "./time-format";

const TimeZoneContext = createContext<string>(UTC);

/** The zone every `<Time>` below shows (UTC unless a provider says otherwise). */
export const TimeZoneProvider = TimeZoneContext.Provider;

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** Formatters bound to the shown zone, for charts and strings built in code. */
export function useTimeFormat() {
  const zone = useTimeZone();
  return {
    zone,
    format: (at: string | number | Date | null | undefined, style?: TimeStyle) => formatTime(at, zone, style),
    bare: (at: string | number | Date, style?: TimeStyle) => formatBare(at, zone, style),
  };
}

/** A time in the shown zone, labelled with it; the full UTC instant on hover. */
export function Time({
  at,
  style = "datetime",
  className,
}: {
  at: string | number | Date | null | undefined;
  style?: TimeStyle;
  className?: string;
}) {
  const zone = useTimeZone();
  const text = formatTime(at, zone, style);
  if (at === null || at === undefined || text === "—") return <span className={className}>—</span>;
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={iso} className={className} data-zone={zone}>
      {text}
    </time>
  );
}
