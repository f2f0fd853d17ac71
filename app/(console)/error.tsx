"use client";

import { TriangleAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState icon={TriangleAlert} title="This page could not load">
      <p>Something it depends on did not answer{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Try again
      </button>
    </EmptyState>
  );
}
