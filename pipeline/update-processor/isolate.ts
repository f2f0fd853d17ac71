/**
 * When a batch's apply fails on a row the database rejects (a value it cannot store, a constraint),
 * the batch is split in halves until the rejected updates stand alone: they go to retry or the DLQ
 * with the reason, everything else is applied. Errors that are not about one row (the database is
 * away, a missing table, a permission) are never split: dead-lettering a whole stream because of an
 * outage or a bad deploy would be worse than holding the partition.
 */

export type ApplyErrorKind =
  /** this row (or one of these rows) can never be stored as it is */
  | "row"
  /** about the system, not the data: hold the batch (transient.ts decides about waiting) */
  | "systemic";

export type RejectedRoute = "retry" | "dead-letter";

/**
 * SQLSTATE classes 22 (data exception: a value out of range, a byte Postgres does not store) and 23
 * (integrity constraint) name a row. A RangeError is our own encoder meeting a value it cannot
 * express (e.g. a timestamp beyond the representable range), also a property of the row.
 */
export function classifyApplyError(error: unknown): ApplyErrorKind {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code)) return "row";
  if (error instanceof RangeError) return "row";
  return "systemic";
}

/**
 * An integrity constraint may hold later (the row it depends on arrives): retry with the schedule.
 * A data exception will fail the same way on every attempt: straight to the DLQ.
 */
export function rejectedRoute(error: unknown): RejectedRoute {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("23") ? "retry" : "dead-letter";
}

/** The reason written to `sync-error-class` / `sync-error-message` and the event trail. */
export function rejectionReason(error: unknown): { errorClass: string; errorMessage: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === "string") return { errorClass: "RejectedByTarget", errorMessage: `SQLSTATE ${code}: ${message}` };
  return {
    errorClass: "RejectedByTarget",
    errorMessage: `${error instanceof Error ? error.name : "Error"}: ${message}`,
  };
}

export interface Isolated<T, R> {
  /** results of the subsets that were applied, in order */
  results: R[];
  rejected: Array<{ item: T; error: unknown }>;
  /** how many times `attempt` ran */
  attempts: number;
}

/**
 * Applies `items` through `attempt` (which must leave no trace when it throws, e.g. a savepoint),
 * bisecting on row errors; any other error propagates at once. Halves are tried left first, so
 * the items keep their order (members before their claims). `wholeFailed`: the caller already saw
 * `items` fail together, so the first step is the split.
 *
 * Cost: with k rejected among n, about 2·k·log2(n/k) attempts; a failing left half and a passing
 * right half are each tried once, and when the left half passed the right one is known to fail.
 */
export async function isolateRejected<T, R>(
  items: readonly T[],
  attempt: (subset: readonly T[]) => Promise<R>,
  options: { wholeFailed?: boolean } = {},
): Promise<Isolated<T, R>> {
  const out: Isolated<T, R> = { results: [], rejected: [], attempts: 0 };
  const visit = async (subset: readonly T[], knownToFail: boolean): Promise<void> => {
    if (subset.length === 0) return;
    // A lone item is always tried: its own error is the reason we report.
    if (!knownToFail || subset.length === 1) {
      try {
        out.attempts++;
        out.results.push(await attempt(subset));
        return;
      } catch (error) {
        if (classifyApplyError(error) !== "row") throw error;
        if (subset.length === 1) {
          out.rejected.push({ item: subset[0]!, error });
          return;
        }
      }
    }
    const middle = Math.ceil(subset.length / 2);
    const rejectedBefore = out.rejected.length;
    await visit(subset.slice(0, middle), false);
    // The whole failed and its left half went through: the right half must hold the culprit.
    await visit(subset.slice(middle), out.rejected.length === rejectedBefore);
  };
  await visit(items, options.wholeFailed ?? false);
  return out;
}
