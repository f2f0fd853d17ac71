/**
 * A person's display preferences, kept in cookies so the server renders the right theme class and
 * the right times on the first paint (no flash of the wrong theme or zone). Pure.
 */
import { isKnownZone, UTC, type TimeChoice } from "@/components/ui/time-format";

export type ThemeChoice = "light" | "dark" | "system";

export const THEME_COOKIE = "syncdeck-theme";
export const TIME_COOKIE = "syncdeck-time";
/** The browser's IANA zone, written by the browser so the server can render local times too. */
export const ZONE_COOKIE = "syncdeck-zone";

export const THEMES: readonly ThemeChoice[] = ["light", "dark", "system"];
export const TIME_CHOICES: readonly TimeChoice[] = ["utc", "local"];

export const readTheme = (value: string | undefined): ThemeChoice =>
  THEMES.includes(value as ThemeChoice) ? (value as ThemeChoice) : "system";

/** UTC unless the person chose local time: an ops console's times should read the same for everyone. */
export const readTimeChoice = (value: string | undefined): TimeChoice => (value === "local" ? "local" : "utc");

/** The zone the times are shown in: UTC, or the browser's zone when it is known and local was chosen. */
export function displayZone(choice: TimeChoice, browserZone: string | undefined): string {
  if (choice === "utc" || !browserZone || browserZone.length > 64 || !isKnownZone(browserZone)) return UTC;
  return browserZone;
}

/** A year-long, site-wide cookie the page script can read (it holds no secret). */
export const preferenceCookie = (name: string, value: string) =>
  `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
