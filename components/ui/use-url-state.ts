"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState, type Dispatch, type SetStateAction } from "react";

/**
 * A view's filters, read from the URL when the view loads and written back as they change, so a
 * filtered view can be shared by link. Written with `history.replaceState`, which Next.js's router
 * follows (useSearchParams sees it): one history entry per page, not one per keystroke, and no
 * server round trip for the page as `router.replace` would make.
 */
export function useUrlState<T>(
  parse: (params: URLSearchParams) => T,
  serialize: (value: T) => string,
): [T, Dispatch<SetStateAction<T>>] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const [value, setValue] = useState(() => parse(new URLSearchParams(searchParams.toString())));
  const query = serialize(value);
  useEffect(() => {
    if (window.location.search.replace(/^\?/, "") === query) return;
    window.history.replaceState(
      window.history.state,
      "",
      `${pathname}${query ? `?${query}` : ""}${window.location.hash}`,
    );
  }, [pathname, query]);
  return [value, setValue];
}
