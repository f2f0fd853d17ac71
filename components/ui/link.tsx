"use client";

import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * The console's link: prefetches its page once a person shows intent (pointer over it, keyboard
 * focus, a touch), not when it scrolls into view. Every console page is rendered per request, so
 * Next.js' viewport prefetch turned each page view into a server render of every sidebar entry and
 * every tenant link on it (26 requests for /health with the demo's three tenants), and the next
 * page's first byte waited behind them. Navigation stays instant for the link a person reaches for.
 */
export default function Link({
  prefetch,
  onMouseEnter,
  onFocus,
  onTouchStart,
  ...props
}: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  const showIntent = () => setIntent(true);
  return (
    <NextLink
      {...props}
      prefetch={intent && prefetch !== false ? (prefetch ?? null) : false}
      onMouseEnter={(event) => {
        showIntent();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        showIntent();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        showIntent();
        onTouchStart?.(event);
      }}
    />
  );
}
