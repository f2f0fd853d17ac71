"use client";

import { TriangleAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

/** A page segment that failed to load: a generic message (details stay in the server log) and a retry. */
export function SegmentError({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  return (
    <EmptyState icon={TriangleAlert} title="This page could not be loaded">
      <p>Something went wrong on our side{digest ? ` (reference ${digest})` : ""}.</p>
      <button type="button" onClick={onRetry} className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Try again
      </button>
    </EmptyState>
  );
}
