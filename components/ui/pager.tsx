"use client";

import { Button } from "./button";
import { describePageRange, lastPage, type PageState } from "./page-range";

export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Previous / Next and rows per page under a server-paged table; says which rows are shown. */
export function Pager({
  state,
  label,
  onPage,
  onPageSize,
  busy,
}: {
  state: PageState;
  /** what the rows are, for the navigation's name: "Users" */
  label: string;
  onPage: (page: number) => void;
  onPageSize?: (pageSize: number) => void;
  busy?: boolean;
}) {
  const last = lastPage(state);
  return (
    <nav
      aria-label={`${label} pages`}
      className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 dark:border-slate-800 px-5 py-3 text-sm text-slate-600 dark:text-slate-300"
      data-testid="pager"
    >
      {onPageSize && (
        <label className="flex items-center gap-2">
          Rows per page
          <select
            className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1"
            value={state.pageSize}
            onChange={(e) => onPageSize(Number(e.target.value))}
          >
            {[...new Set([...PAGE_SIZES, state.pageSize])]
              .sort((a, b) => a - b)
              .map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
          </select>
        </label>
      )}
      <span className="tabular-nums" aria-live="polite" data-testid="pager-range">
        {describePageRange(state)}
      </span>
      <Button
        disabledReason={state.page <= 1 ? "This is the first page" : null}
        disabled={busy}
        onClick={() => onPage(Math.min(state.page - 1, last))}
      >
        Previous
      </Button>
      <Button
        disabledReason={state.page >= last ? "This is the last page" : null}
        disabled={busy}
        onClick={() => onPage(Math.min(state.page + 1, last))}
      >
        Next
      </Button>
    </nav>
  );
}
