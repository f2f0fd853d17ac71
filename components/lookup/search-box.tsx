"use client";

import Link from "@/components/ui/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";
import { useDebounced } from "@/components/ui/use-debounced";
import type { SearchResult } from "@/server/lookup/lookup";
import { memberHref } from "./links";

/** Suggestions while typing: debounced, cached per query by react-query, previous list kept while loading. */
export function SearchBox({ canSearchByName }: { canSearchByName: boolean }) {
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const { data, error, isFetching } = useQuery({
    queryKey: ["lookup-search", q],
    queryFn: () => fetchJson<SearchResult>(`/api/lookup/search?${new URLSearchParams({ q })}`),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
  const suggestions = q.length >= 2 ? (data?.suggestions ?? []) : [];
  return (
    <div className="max-w-2xl">
      <label className="relative block">
        <span className="sr-only">Search members and claims</span>
        <Search className="pointer-events-none absolute left-3 top-2.5 h-4 w-4 text-slate-400" aria-hidden />
        <input
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={
            canSearchByName
              ? "Member id (M100234), claim id (C-88), or last name [first name] [YYYY-MM-DD]"
              : "Member id (M100234) or claim id (C-88)"
          }
          className="w-full rounded-lg border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 py-2 pl-9 pr-3 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
        />
      </label>
      {error && q.length >= 2 && <p className="mt-2 text-sm text-red-700 dark:text-red-300">{error.message}</p>}
      {q.length >= 2 && !error && (
        <ul
          role="listbox"
          aria-label="Suggestions"
          className="mt-2 divide-y divide-slate-100 dark:divide-slate-800 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-sm"
        >
          {suggestions.length === 0 && (
            <li className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">
              {isFetching ? "Searching…" : "No member or claim matches in your tenants"}
            </li>
          )}
          {suggestions.map((s) => (
            <li key={`${s.tenant}/${s.memberId}/${s.claimId ?? ""}`} role="option" aria-selected={false}>
              <Link
                href={memberHref(s.tenant, s.memberId)}
                className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm hover:bg-indigo-50 dark:hover:bg-indigo-950/40"
              >
                <span className="font-medium text-slate-900 dark:text-slate-100">
                  {s.claimId ? `${s.claimId} · ` : ""}
                  {s.memberId}
                  <span className="ml-2 font-normal text-slate-500 dark:text-slate-400">
                    {[s.firstName, s.lastName].filter(Boolean).join(" ")}
                    {s.dateOfBirth ? ` · born ${s.dateOfBirth}` : ""}
                  </span>
                </span>
                <span className="rounded bg-slate-100 dark:bg-slate-800 px-2 py-0.5 text-xs text-slate-600 dark:text-slate-300">
                  {s.tenant}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
