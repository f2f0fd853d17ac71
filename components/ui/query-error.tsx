"use client";

import { Button } from "./button";

/**
 * A request that failed: what went wrong and a Retry that asks again. `refetch` is the query's own,
 * so a retry keeps the query's key and its polling.
 */
export function QueryError({
  what,
  error,
  refetch,
  className,
}: {
  what: string;
  error: unknown;
  refetch: () => unknown;
  className?: string;
}) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div
      className={`flex flex-wrap items-center gap-3 rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300 ${className ?? ""}`}
      role="status"
      data-testid="query-error"
    >
      <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">
        {what}: {message}
      </span>
      <Button onClick={() => void refetch()}>Retry</Button>
    </div>
  );
}
