"use client";

import { TriangleAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

/** A page segment that failed to load: a generic message (details stay in the server log) and a retry. */
export function SegmentError({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  return (
    <EmptyState icon={TriangleAlert} title="This page could not be loaded">
      <p>Something went wrong on our side{digest ? ` (reference ${digest})` : ""}.</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-4 rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-1.5 text-sm font-medium text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800/50"
      >
        Try again
      </button>
    </EmptyState>
  );
}
