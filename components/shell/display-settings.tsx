"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { Monitor, Moon, Sun } from "lucide-react";
import { TimeZoneProvider } from "@/components/ui/time";
import type { TimeChoice } from "@/components/ui/time-format";
import {
  displayZone,
  preferenceCookie,
  THEME_COOKIE,
  TIME_COOKIE,
  ZONE_COOKIE,
  type ThemeChoice,
} from "./display-preferences";

type Display = {
  theme: ThemeChoice;
  setTheme: (theme: ThemeChoice) => void;
  time: TimeChoice;
  setTime: (time: TimeChoice) => void;
  zone: string;
};

const DisplayContext = createContext<Display | null>(null);

const DARK_QUERY = "(prefers-color-scheme: dark)";

function applyTheme(theme: ThemeChoice) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia(DARK_QUERY).matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

const browserZone = (): string | undefined => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noSubscription = () => () => {};

/**
 * Holds the theme and time-zone choices for the console. The server passes what the cookies said,
 * so the first paint already shows the chosen zone; the browser's own zone is stored when it is new.
 */
export function DisplayProvider({
  initialTheme,
  initialTime,
  storedZone,
  children,
}: {
  initialTheme: ThemeChoice;
  initialTime: TimeChoice;
  storedZone: string | undefined;
  children: React.ReactNode;
}) {
  const [theme, setThemeState] = useState(initialTheme);
  const [time, setTimeState] = useState(initialTime);
  // The server renders with the stored zone; after hydration the browser's own zone is used.
  const localZone = useSyncExternalStore(noSubscription, browserZone, () => storedZone);

  useEffect(() => {
    if (localZone && localZone !== storedZone) document.cookie = preferenceCookie(ZONE_COOKIE, localZone);
  }, [localZone, storedZone]);

  useEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    const media = window.matchMedia(DARK_QUERY);
    const follow = () => applyTheme("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [theme]);

  const setTheme = useCallback((next: ThemeChoice) => {
    document.cookie = preferenceCookie(THEME_COOKIE, next);
    setThemeState(next);
  }, []);
  const setTime = useCallback((next: TimeChoice) => {
    document.cookie = preferenceCookie(TIME_COOKIE, next);
    setTimeState(next);
  }, []);

  const zone = displayZone(time, localZone);
  const value = useMemo(() => ({ theme, setTheme, time, setTime, zone }), [theme, setTheme, time, setTime, zone]);
  return (
    <DisplayContext.Provider value={value}>
      <TimeZoneProvider value={zone}>{children}</TimeZoneProvider>
    </DisplayContext.Provider>
  );
}

const THEME_OPTIONS: Array<{ value: ThemeChoice; label: string; Icon: typeof Sun }> = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
];

const segment =
  "flex items-center gap-1 rounded px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500";
const on = "bg-white text-slate-900 shadow-sm dark:bg-slate-600 dark:text-white";
const off = "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white";

/** The header's theme (light / dark / system) and time zone (UTC / local) switches. */
export function DisplaySettings() {
  const display = useContext(DisplayContext);
  if (!display) return null;
  const { theme, setTheme, time, setTime, zone } = display;
  return (
    <div className="flex items-center gap-3">
      <div role="group" aria-label="Theme" className="flex rounded-md bg-slate-100 p-0.5 dark:bg-slate-800">
        {THEME_OPTIONS.map(({ value, label, Icon }) => (
          <button
            key={value}
            type="button"
            aria-pressed={theme === value}
            title={`${label} theme`}
            onClick={() => setTheme(value)}
            className={`${segment} ${theme === value ? on : off}`}
          >
            <Icon className="h-3.5 w-3.5" aria-hidden />
            <span className="sr-only">{label}</span>
          </button>
        ))}
      </div>
      <div
        role="group"
        aria-label="Times shown in"
        className="flex rounded-md bg-slate-100 p-0.5 dark:bg-slate-800"
        data-testid="time-zone-choice"
        data-zone={zone}
      >
        {(["utc", "local"] as const).map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={time === value}
            title={value === "utc" ? "Show times in UTC" : "Show times in your browser's zone"}
            onClick={() => setTime(value)}
            className={`${segment} ${time === value ? on : off}`}
          >
            {value === "utc" ? "UTC" : "Local"}
          </button>
        ))}
      </div>
    </div>
  );
}
