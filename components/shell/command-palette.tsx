"use client";

import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";
import { useDebounced } from "@/components/ui/use-debounced";
import { matchEntries, type PaletteHit } from "@/server/palette/hits";

const KIND_LABEL: Record<PaletteHit["kind"], string> = {
  page: "Page",
  action: "Action",
  tenant: "Tenant",
  group: "Group",
  member: "Member",
  claim: "Claim",
};

/**
 * ⌘K / Ctrl-K: jump to a page, an action, a tenant, a consumer group, or a member or claim by id.
 * A native modal dialog (focus moves in, stays in, and returns to the opener on close) holding a
 * combobox whose options are kept in one list, moved through with the arrow keys.
 */
export function CommandPalette({ entries }: { entries: PaletteHit[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const debounced = useDebounced(query.trim(), 150);
  const remote = useQuery({
    queryKey: ["palette", debounced],
    queryFn: async () =>
      (await fetchJson<{ hits: PaletteHit[] }>(`/api/palette?${new URLSearchParams({ q: debounced })}`)).hits,
    enabled: debounced.length >= 2,
    staleTime: 10_000,
    retry: false,
  });

  const hits = useMemo(
    () => [...matchEntries(entries, query), ...(debounced.length >= 2 && remote.data ? remote.data : [])],
    [entries, query, debounced, remote.data],
  );
  const chosen = Math.min(active, Math.max(0, hits.length - 1));

  const open = useCallback(() => {
    const box = dialog.current;
    if (!box || box.open) return;
    box.showModal();
    input.current?.select();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const go = (hit: PaletteHit | undefined) => {
    if (!hit) return;
    dialog.current?.close();
    setQuery("");
    router.push(hit.href);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((chosen + step + hits.length) % Math.max(1, hits.length));
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(hits[chosen]);
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const status =
    debounced.length >= 2 && remote.isFetching
      ? "Searching…"
      : remote.error
        ? `Search failed: ${(remote.error as Error).message}`
        : hits.length === 0
          ? "Nothing found"
          : null;

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="flex w-72 items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-600 hover:border-slate-300 hover:text-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300 dark:hover:text-slate-100"
        aria-keyshortcuts="Control+K Meta+K"
      >
        <Search className="h-4 w-4" aria-hidden />
        <span className="flex-1 text-left">Search or jump to…</span>
        <kbd className="rounded border border-slate-200 px-1.5 font-sans text-xs dark:border-slate-600">Ctrl K</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Command palette"
        onClose={() => setActive(0)}
        onClick={(event) => event.target === dialog.current && dialog.current?.close()}
        className="mt-24 w-[36rem] max-w-[90vw] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="flex items-center gap-2 border-b border-slate-200 px-4 dark:border-slate-700">
          <Search className="h-4 w-4 text-slate-400" aria-hidden />
          <input
            ref={input}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={hits.length ? optionId(chosen) : undefined}
            aria-label="Jump to"
            placeholder="Page, tenant, consumer group, M100234, C-88…"
            className="h-12 flex-1 bg-transparent text-sm text-slate-900 outline-none placeholder:text-slate-500 dark:text-slate-100 dark:placeholder:text-slate-400"
          />
        </div>
        <ul id={listId} role="listbox" aria-label="Results" className="max-h-96 overflow-y-auto py-2">
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.href}:${hit.label}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === chosen}
              onMouseMove={() => setActive(i)}
              onClick={() => go(hit)}
              className={`flex cursor-pointer items-center gap-3 px-4 py-2 text-sm ${i === chosen ? "bg-indigo-50 text-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100" : "text-slate-700 dark:text-slate-300"}`}
            >
              <span className="w-16 shrink-0 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
                {KIND_LABEL[hit.kind]}
              </span>
              <span className="truncate font-medium">{hit.label}</span>
              <span className="ml-auto truncate text-xs text-slate-500 dark:text-slate-400">{hit.detail}</span>
            </li>
          ))}
        </ul>
        {status && (
          <p
            role="status"
            className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400"
          >
            {status}
          </p>
        )}
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
          ↑ ↓ to move · Enter to open · Esc to close
        </p>
      </dialog>
    </>
  );
}
